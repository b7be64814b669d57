package org.minidt.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.minidt.common.HttpReply;
import org.minidt.common.Json;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's small HTTP control endpoint (JDK HttpServer):
 * <ul>
 *   <li>{@code GET /status}: run, words sent, current rate, pacing, object and line, errors (JSON)</li>
 *   <li>{@code GET /rate}: the pacing (JSON)</li>
 *   <li>{@code POST /rate?words_per_s=N}, {@code POST /rate?speed=F} or {@code POST /rate?max}: changes it
 *       while running; answers the new pacing, or 400 with a one-line reason</li>
 * </ul>
 */
final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final HttpServer server;
    private final Pacer pacer;
    private final EmulatorStatus status;
    private final ProgressReporter progress;

    /** The pacing as the endpoint shows it. */
    record PacingView(String mode, double wordsPerS, double speed) {
        static PacingView of(Pacing p) {
            return new PacingView(p.mode(), p.wordsPerSecond(), p.speed());
        }
    }

    record StatusView(String runId, long wordsSent, double currentWordsPerS, PacingView pacing, String object, long line,
                      long errors, String lastError, long deadLetters, long emptyObjects, String lastWarning, long kafkaOutages,
                      String waitingFor) {
    }

    ControlServer(String host, int port, Pacer pacer, EmulatorStatus status, ProgressReporter progress) throws IOException {
        this.pacer = pacer;
        this.status = status;
        this.progress = progress;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UserError("cannot open the control endpoint on " + host + ":" + port + " (" + e.getMessage()
                    + ") — pass a free --control-port (0 picks one, -1 disables it)", e);
        }
        server.createContext("/status", ex -> handle(ex, this::status));
        server.createContext("/rate", ex -> handle(ex, this::rate));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "emulator-control");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        log.info("control endpoint at {} (GET /status, GET|POST /rate?words_per_s=N|speed=F|max)", url());
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Runs a handler; a failure is logged and answered with 500 rather than a silently dropped connection. */
    private static void handle(HttpExchange ex, HttpHandler handler) throws IOException {
        try {
            handler.handle(ex);
        } catch (RuntimeException e) {
            log.error("control endpoint: {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            answer(ex, 500, e + "\n");
        }
    }

    private void status(HttpExchange ex) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            answer(ex, 405, "use GET /status\n");
            return;
        }
        var s = status.snapshot();
        answer(ex, 200, Json.toString(new StatusView(s.runId(), s.wordsSent(), progress.currentRate(),
                PacingView.of(pacer.pacing()), s.object(), s.line(), s.errors(), s.lastError(), s.deadLetters(), s.emptyObjects(),
                s.lastWarning(), s.kafkaOutages(), s.waitingFor())));
    }

    private void rate(HttpExchange ex) throws IOException {
        switch (ex.getRequestMethod()) {
            case "GET" -> answer(ex, 200, Json.toString(PacingView.of(pacer.pacing())));
            case "POST" -> {
                Pacing next;
                try {
                    next = parse(query(ex));
                } catch (UserError | NumberFormatException e) {
                    answer(ex, 400, e.getMessage() + "\n");
                    return;
                }
                pacer.set(next);
                log.info("pacing changed to {} by {}", next, ex.getRemoteAddress());
                answer(ex, 200, Json.toString(PacingView.of(next)));
            }
            default -> answer(ex, 405, "use GET or POST /rate\n");
        }
    }

    private static Pacing parse(Map<String, String> q) {
        if (q.size() != 1) {
            throw new UserError("give exactly one of words_per_s=N, speed=F or max");
        }
        if (q.containsKey("words_per_s")) {
            return Pacing.rate(Double.parseDouble(q.get("words_per_s")));
        }
        if (q.containsKey("speed")) {
            return Pacing.speed(Double.parseDouble(q.get("speed")));
        }
        if (q.containsKey("max")) {
            return Pacing.max();
        }
        throw new UserError("unknown parameter " + q.keySet() + ": give words_per_s=N, speed=F or max");
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void answer(HttpExchange ex, int code, String body) throws IOException {
        HttpReply.send(ex, code, body.startsWith("{") ? HttpReply.JSON : HttpReply.TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
