package org.minidt.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.minidt.common.Json;
import org.minidt.dashboard.HeadlessChromium;

/**
 * A page drawing one ROOT JSON object with the npm package jsroot, everything served from this JVM (the
 * jsroot files from {@code node_modules/jsroot}, installed by src/test/jsroot/install-jsroot.sh): what a
 * physicist does with an exported histogram, without our dashboard's code in between.
 */
final class JsrootPage implements AutoCloseable {
    private static final String PAGE = """
            <!doctype html><html><body><div id="plot" style="width:800px;height:500px"></div>
            <script src="/jsroot/build/jsroot.min.js"></script>
            <script>
            fetch('/object.json').then(r => r.text()).then(text => {
              const histogram = JSROOT.parse(text);
              return JSROOT.draw('plot', histogram, 'hist').then(painter => {
                const h = painter.getHisto(), bins = [];
                for (let i = 0; i <= h.fXaxis.fNbins + 1; i++) bins.push(h.getBinContent(i));
                window.result = {bins: bins, paths: document.querySelectorAll('#plot svg path').length};
              });
            }).catch(e => { window.result = {error: String(e && e.stack || e)}; });
            </script></body></html>
            """;

    private final HttpServer server;
    private final Path jsroot;
    private volatile byte[] object = new byte[0];

    JsrootPage(Path jsroot) throws IOException {
        if (!Files.isRegularFile(jsroot.resolve("build/jsroot.min.js"))) {
            throw new IllegalStateException("jsroot not installed at " + jsroot.toAbsolutePath() + " — the demo module's build runs "
                    + "src/test/jsroot/install-jsroot.sh (needs npm)");
        }
        this.jsroot = jsroot.toRealPath();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Loads the page with {@code json} as the object; returns the bin contents JSROOT read, underflow to overflow. */
    List<Long> drawAndReadBack(HeadlessChromium browser, byte[] json) {
        object = json;
        browser.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/index.html?" + System.nanoTime());
        Object result = browser.waitFor(Duration.ofSeconds(30), d -> browser.js("return window.result ? JSON.stringify(window.result) : null"));
        JsonNode r;
        try {
            r = Json.MAPPER.readTree(result.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (r.has("error")) {
            throw new AssertionError("JSROOT failed: " + r.get("error").asText());
        }
        if (r.get("paths").asInt() == 0) {
            throw new AssertionError("JSROOT drew nothing (no svg path in the plot)");
        }
        List<Long> bins = new ArrayList<>();
        r.get("bins").forEach(b -> bins.add(b.asLong()));
        return bins;
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body;
        String type;
        if (path.equals("/index.html")) {
            body = PAGE.getBytes(StandardCharsets.UTF_8);
            type = "text/html";
        } else if (path.equals("/object.json")) {
            body = object;
            type = "application/json";
        } else if (path.startsWith("/jsroot/") && isFile(jsroot.resolve(path.substring("/jsroot/".length())).normalize())) {
            Path file = jsroot.resolve(path.substring("/jsroot/".length())).normalize();
            body = Files.readAllBytes(file);
            type = path.endsWith(".js") || path.endsWith(".mjs") ? "text/javascript" : "application/octet-stream";
        } else {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(200, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private boolean isFile(Path p) {
        return p.startsWith(jsroot) && Files.isRegularFile(p);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
