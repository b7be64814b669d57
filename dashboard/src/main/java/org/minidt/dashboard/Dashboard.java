package org.minidt.dashboard;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.minidt.common.Cumulative;
import org.minidt.common.Json;
import org.minidt.common.UserError;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard web service: the live page (static files from the classpath folder /public, charts drawn
 * by its own canvas code), server-sent events of each new window, and a JSON API. See docs/dashboard.md.
 */
public final class Dashboard implements AutoCloseable {
    /** Windows /api/windows returns at most, the newest ones. */
    static final int MAX_WINDOWS_PER_REQUEST = 1000;
    static final long HEARTBEAT_MS = 5_000;
    /** Health says DOWN when Kafka has not answered the feed for this long. */
    static final long FEED_SILENT_LIMIT_MS = 30_000;
    /** Scripts, styles and data only from this server: no CDN, and no injected markup can run. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);

    private final MonitorState state;
    /** Null without an archive bucket. */
    private final ArchivedRuns archive;
    private final ResultsFeed feed;
    private final QualityFeed qualityFeed;
    private final QualityApi quality;
    private final Broadcaster broadcaster = new Broadcaster();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Javalin app;
    private final long startedMs = System.currentTimeMillis();

    private final String host;
    private final int port;

    public Dashboard(DashboardConfig config) {
        this.host = config.host();
        this.port = config.port();
        // The page's messages; the windows it reads are prepared by their topic's serde.
        Json.prepare(LiveUpdate.class, Snapshot.class);
        this.state = new MonitorState(config.historyMinutes() * 60_000, config.thresholds(), CellView.layout(config.cellMap()));
        this.feed = new ResultsFeed(config.bootstrapServers(), new ResultsFeed.Listener() {
            @Override
            public void window(WindowSummary window) {
                state.accept(window, update -> {
                    if (!state.loading()) {
                        broadcaster.publish("window", Json.toString(update));
                    }
                });
            }

            @Override
            public void caughtUp() {
                state.loaded();
                broadcaster.publish("snapshot", state.withSnapshot(Json::toString));
            }
        }, config.historyMinutes() * 60_000, config.maxReadbackHours() * 3_600_000);
        this.archive = config.archive() == null ? null : new ArchivedRuns(config.archive());
        RunsApi runs = new RunsApi(state, archive);
        QualityBoard qualityBoard = new QualityBoard();
        this.qualityFeed = new QualityFeed(config.bootstrapServers(), qualityBoard, config.historyMinutes() * 60_000);
        this.quality = new QualityApi(config.bootstrapServers(), qualityBoard, config.reference().setup(), config.reference().token());
        this.app = Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = SECURITY_HEADERS;
            });
            cfg.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
            // Browsers that ask for /favicon.ico anyway get the page's icon.
            cfg.routes.get("/favicon.ico", ctx -> ctx.redirect("/favicon.svg"));
            cfg.routes.get("/api/latest", this::latest);
            cfg.routes.get("/api/windows", this::windows);
            cfg.routes.get("/api/cumulative", this::cumulative);
            cfg.routes.get("/api/trend", this::trend);
            cfg.routes.get("/api/health", this::health);
            cfg.routes.get("/api/quality", quality::view);
            cfg.routes.get("/api/quality/reference", quality::reference);
            cfg.routes.post("/api/quality/reference", quality::promote);
            cfg.routes.sse("/events", this::events);
            cfg.routes.get("/api/runs", runs::runs);
            cfg.routes.get("/api/runs/{run}", runs::run);
            cfg.routes.get("/api/runs/{run}/windows", runs::windows);
            cfg.routes.get("/api/runs/{run}/export/{file}", runs::export);
            cfg.routes.exception(ArchivedRuns.Unavailable.class, (e, ctx) -> ctx.status(503).json(Map.of("error", e.getMessage())));
        });
    }

    public Dashboard start() {
        requireFreePort(host, port);
        feed.start();
        qualityFeed.start();
        app.start();
        heartbeat.scheduleAtFixedRate(() -> broadcaster.publish("heartbeat", "{\"server_ms\":" + System.currentTimeMillis() + "}"),
                HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        log.info("dashboard listening on {}", url());
        return this;
    }

    /** A port in use is a user mistake: say so in one line before Jetty logs its stack trace. */
    private static void requireFreePort(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UserError("port " + port + " on " + host + " is in use (" + e.getMessage()
                    + ") — stop what uses it or pass another --port");
        }
    }

    public String url() {
        return "http://" + app.jettyServer().server().getURI().getHost() + ":" + app.port() + "/";
    }

    public int port() {
        return app.port();
    }

    /** The latest window with its run's sums and the status verdicts; 204 while there is none. */
    private void latest(Context ctx) {
        LiveUpdate latest = state.latest();
        if (latest == null) {
            ctx.status(204);
            return;
        }
        ctx.json(latest.window());
    }

    /** Windows whose wall-clock end is after {@code since} (epoch ms), oldest first. */
    private void windows(Context ctx) {
        String since = ctx.queryParam("since");
        long sinceMs;
        try {
            sinceMs = since == null ? Long.MIN_VALUE : Long.parseLong(since);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("since must be epoch milliseconds, got '" + since + "'");
        }
        ctx.json(state.windowsSince(sinceMs, MAX_WINDOWS_PER_REQUEST));
    }

    /** The run's sums (current run unless {@code run} is given) with their status verdicts; 404 if unknown. */
    private void cumulative(Context ctx) {
        Cumulative c = state.cumulative(ctx.queryParam("run"));
        if (c == null) {
            ctx.status(404).json(Map.of("error", "no windows of that run (yet)"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cumulative", c);
        body.put("status", ChamberStatus.judge(c.chambers(), state.thresholds()));
        ctx.json(body);
    }

    /** The rate trend of a run in memory ({@code run}, else the latest window's run); 404 if unknown. */
    private void trend(Context ctx) {
        LiveUpdate latest = state.latest();
        String run = ctx.queryParam("run") != null ? ctx.queryParam("run") : latest == null ? null : latest.window().run();
        List<TrendPoint> points = run == null ? null : state.trend(run);
        if (points == null) {
            ctx.status(404).json(Map.of("error", "no windows of that run in memory"));
            return;
        }
        ctx.json(Map.of("run", run, "points", points));
    }

    private void health(Context ctx) {
        long now = System.currentTimeMillis();
        LiveUpdate latest = state.latest();
        boolean feeding = feed.lastError() == null && now - feed.lastBrokerAnswerMs() < FEED_SILENT_LIMIT_MS;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", !feeding ? "DOWN" : state.loading() ? "STARTING" : "UP");
        h.put("kafka_error", feed.lastError());
        h.put("loading", state.loading());
        h.put("windows_received", state.windowsReceived());
        h.put("duplicate_windows", state.duplicateWindows());
        h.put("malformed_results", feed.malformed());
        h.put("results_lag", feed.lag());
        h.put("pages_connected", broadcaster.pages());
        h.put("slow_pages_dropped", broadcaster.slowPagesDropped());
        h.put("latest_run", latest == null ? null : latest.window().run());
        h.put("latest_window_index", latest == null ? null : latest.window().window().index());
        h.put("latest_window_end_ms", latest == null ? null : latest.window().window().wallEndMs());
        h.put("latest_window_emitted_ms", latest == null ? null : latest.window().window().emittedMs());
        h.put("server_ms", now);
        h.put("uptime_ms", now - startedMs);
        ctx.status(feeding ? 200 : 503).json(h);
    }

    /** A new page: first the snapshot, then every later window, in order, none twice. */
    private void events(SseClient client) {
        client.keepAlive();
        state.withSnapshot(snapshot -> {
            broadcaster.add(client, "snapshot", Json.toString(snapshot));
            return null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        feed.close();
        if (archive != null) {
            archive.close();
        }
        qualityFeed.close();
        quality.close();
        heartbeat.shutdownNow();
        broadcaster.close();
        app.stop();
    }
}
