package org.minidt.dashboard;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard web service: the live page, server-sent events of each new window, and a JSON API. */
public final class Dashboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

    private final MonitorState state = new MonitorState();
    private final ResultsFeed feed;
    private final Javalin app;

    public Dashboard(DashboardConfig config) {
        this.feed = new ResultsFeed(config.bootstrapServers(), state, config.historyMinutes() * 60_000);
        this.app = Javalin.create(cfg -> {
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.staticFiles.add("/public", Location.CLASSPATH);
            cfg.routes.get("/api/latest", this::latest);
            cfg.routes.get("/api/health", this::health);
            cfg.routes.sse("/events", this::events);
        });
    }

    public Dashboard start() {
        feed.start();
        app.start();
        log.info("dashboard listening on {}", url());
        return this;
    }

    public String url() {
        return "http://" + app.jettyServer().server().getURI().getHost() + ":" + app.port() + "/";
    }

    public int port() {
        return app.port();
    }

    private void latest(Context ctx) {
        WindowSummary latest = state.latest();
        if (latest == null) {
            ctx.status(204);
            return;
        }
        ctx.contentType("application/json").result(Json.toBytes(latest));
    }

    private void health(Context ctx) {
        Map<String, Object> h = new LinkedHashMap<>();
        WindowSummary latest = state.latest();
        h.put("status", "UP");
        h.put("windows_received", state.windowsReceived());
        h.put("malformed_results", feed.malformed());
        h.put("latest_window_end_ms", latest == null ? null : latest.window().wallEndMs());
        ctx.contentType("application/json").result(Json.toBytes(h));
    }

    private void events(SseClient client) {
        client.keepAlive();
        WindowSummary latest = state.latest();
        if (latest != null) {
            client.sendEvent("window", Json.toString(latest));
        }
        Consumer<WindowSummary> listener = w -> client.sendEvent("window", Json.toString(w));
        state.subscribe(listener);
        client.onClose(() -> state.unsubscribe(listener));
    }

    @Override
    public void close() throws InterruptedException {
        app.stop();
        feed.close();
    }
}
