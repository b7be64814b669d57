package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;

/**
 * The service against an in-process broker: rebuilding the current run from the results topic at start,
 * the JSON API, bad messages, many pages at once, and what the static file server refuses. The broker and
 * the service are shared; each test that sends windows sends them for a run of its own and asserts on it.
 */
class DashboardServiceTest {
    private static final long NOW = System.currentTimeMillis();
    /** The current run began two hours ago, far beyond the 15 minutes of history. */
    private static final long RUN_START = NOW - 7_200_000;
    private static final long OLD_RUN_START = NOW - 3 * 3_600_000;
    private static final List<WindowSummary> currentRun = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static DashboardFixture fixture;
    private static ResultsTopic results;
    private static Dashboard dashboard;
    /** The current run's sums as the service rebuilt them at start, before any test sends a window. */
    private static JsonNode rebuiltAtStart;

    @BeforeAll
    static void startWithHistoryOnTheTopic() throws Exception {
        fixture = new DashboardFixture();
        results = fixture.results;
        for (int i = 0; i < 5; i++) {
            results.send(SampleWindows.window("run-old", OLD_RUN_START, i, 3, Set.of()));
        }
        for (long index : new long[] {0, 1800, 3600, 5400, 7000, 7190, 7191, 7192, 7193, 7194, 7195, 7196, 7197, 7198, 7199}) {
            WindowSummary w = SampleWindows.window("run-now", RUN_START, index, 3, Set.of());
            results.send(w);
            currentRun.add(w);
        }
        dashboard = fixture.startDashboard();
        Poll.until("the dashboard is UP", () -> "UP".equals(json("api/health").path("status").asText()));
        rebuiltAtStart = json("api/cumulative?run=run-now");
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void rebuildsTheWholeCurrentRunAtStartNotJustTheHistorySpan() throws Exception {
        JsonNode c = rebuiltAtStart.path("cumulative");
        assertThat(c.path("run").asText()).isEqualTo("run-now");
        assertThat(c.path("run_start_ms").asLong()).isEqualTo(RUN_START);
        assertThat(c.path("windows").asLong()).isEqualTo(currentRun.size());
        assertThat(c.path("first_window_index").asLong()).isZero();
        assertThat(c.path("total_hits").asLong()).isEqualTo(currentRun.stream().mapToLong(WindowSummary::totalHits).sum());
        assertThat(c.path("chambers").get(2).path("occupancy").path("bin_counts").get(17).asLong())
                .isEqualTo(currentRun.stream().mapToLong(w -> w.chambers().get(2).occupancy().binCounts()[17]).sum());
        assertThat(rebuiltAtStart.path("status")).hasSize(4);
        // 15 windows of about 3 hits per cell: a median near 45 entries, enough to judge.
        assertThat(rebuiltAtStart.path("status").get(0).path("level").asText()).isEqualTo("OK");
        // The run before started an hour earlier than the current one: not read back at all.
        assertThat(get("api/cumulative?run=run-old").statusCode()).isEqualTo(404);
        assertThat(json("api/health").path("windows_received").asLong()).isGreaterThanOrEqualTo(currentRun.size());
    }

    @Test
    void latestIsTheNewestWindowMessageExactly() throws Exception {
        WindowSummary newest = SampleWindows.window("run-latest", RUN_START, 7300, 3, Set.of());
        results.send(newest);
        Poll.until("the newest window is the latest", () -> json("api/latest").path("run").asText().equals("run-latest"));
        HttpResponse<String> r = get("api/latest");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(Json.MAPPER.readValue(r.body(), WindowSummary.class)).isEqualTo(newest);
    }

    @Test
    void windowsSinceATimeKeepsTheHistorySpanOldestFirst() throws Exception {
        JsonNode all = json("api/windows?since=0");
        // 15 minutes of history: window 7000 (200 s before the newest) and 7190..7199; 5400 is 30 min older.
        assertThat(indices(all, "run-now")).containsExactly(7000L, 7190L, 7191L, 7192L, 7193L, 7194L, 7195L, 7196L, 7197L, 7198L, 7199L);
        long since = currentRun.get(currentRun.size() - 5).window().wallEndMs();
        assertThat(indices(json("api/windows?since=" + since), "run-now")).containsExactly(7196L, 7197L, 7198L, 7199L);
        HttpResponse<String> bad = get("api/windows?since=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("since must be epoch milliseconds");
    }

    @Test
    void malformedAndDuplicateMessagesAreCountedAndSkippedAndTheFeedGoesOn() throws Exception {
        JsonNode before = json("api/health");
        WindowSummary first = SampleWindows.window("run-bad", RUN_START, 7200, 3, Set.of());
        results.send(first);
        results.send("run-bad", "{\"schema\":2,".getBytes(StandardCharsets.UTF_8), NOW);
        results.send("run-bad", Json.toString(first).replace("\"schema\":2", "\"schema\":7").getBytes(StandardCharsets.UTF_8), NOW);
        results.send(first);
        WindowSummary next = SampleWindows.window("run-bad", RUN_START, 7201, 3, Set.of());
        results.send(next);

        Poll.until("window 7201 of run-bad is the latest", () -> json("api/latest").path("window").path("index").asLong() == 7201);
        JsonNode health = json("api/health");
        assertThat(health.path("malformed_results").asLong()).isEqualTo(before.path("malformed_results").asLong() + 2);
        assertThat(health.path("duplicate_windows").asLong()).isEqualTo(before.path("duplicate_windows").asLong() + 1);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(json("api/cumulative?run=run-bad").path("cumulative").path("total_hits").asLong())
                .isEqualTo(first.totalHits() + next.totalHits());
    }

    @Test
    void aRevisionReplacesItsWindowInTheRunsSumsAndTrend() throws Exception {
        WindowSummary first = SampleWindows.window("run-revised", RUN_START, 7000, 3, Set.of());
        WindowSummary revised = SampleWindows.asRevision(SampleWindows.window("run-revised", RUN_START, 7000, 8, Set.of()), 1);
        long duplicatesBefore = json("api/health").path("duplicate_windows").asLong();
        results.send(first);
        results.send(revised);
        Poll.until("the revision is the latest", () -> json("api/latest").path("window").path("revision").asInt() == 1
                && json("api/latest").path("run").asText().equals("run-revised"));
        JsonNode c = json("api/cumulative?run=run-revised").path("cumulative");
        assertThat(c.path("windows").asLong()).isEqualTo(1);
        assertThat(c.path("total_hits").asLong()).isEqualTo(revised.totalHits());
        JsonNode trend = json("api/trend?run=run-revised").path("points");
        assertThat(trend).hasSize(1);
        assertThat(trend.get(0).path("hits_per_s").asDouble()).isEqualTo((double) revised.totalHits());
        assertThat(json("api/health").path("duplicate_windows").asLong()).isEqualTo(duplicatesBefore);
    }

    @Test
    void manyPagesAtOnceEachGetTheSnapshotThenEveryNewWindow() throws Exception {
        WindowSummary shown = SampleWindows.window("run-pages", RUN_START, 7000, 3, Set.of());
        results.send(shown);
        Poll.until("run-pages is the latest", () -> json("api/latest").path("run").asText().equals("run-pages"));
        int before = json("api/health").path("pages_connected").asInt();
        int pages = 25;
        List<CompletableFuture<List<String>>> streams = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            streams.add(CompletableFuture.supplyAsync(() -> firstEvents(2)));
        }
        Poll.until("every page connected", () -> json("api/health").path("pages_connected").asInt() == before + pages);
        WindowSummary live = SampleWindows.window("run-pages", RUN_START, 7001, 3, Set.of());
        results.send(live);

        for (CompletableFuture<List<String>> s : streams) {
            List<String> events = s.get(120, TimeUnit.SECONDS);
            JsonNode snapshot = Json.MAPPER.readTree(events.get(0));
            assertThat(Json.MAPPER.treeToValue(snapshot.path("latest").path("window"), WindowSummary.class)).isEqualTo(shown);
            assertThat(snapshot.path("trend")).hasSize(1);
            assertThat(snapshot.path("cells")).hasSize(4);
            assertThat(snapshot.path("cells").get(0)).hasSize(64);
            assertThat(snapshot.path("thresholds").path("min_median_entries").asDouble()).isEqualTo(20.0);
            JsonNode update = Json.MAPPER.readTree(events.get(1));
            assertThat(Json.MAPPER.treeToValue(update.path("window"), WindowSummary.class)).isEqualTo(live);
            assertThat(update.path("cumulative").path("windows").asLong()).isEqualTo(2);
            assertThat(update.path("trend_point").path("since_run_start_ms").asLong()).isEqualTo(7_001_000);
            assertThat(update.path("trend_point").path("hits_per_s").asDouble()).isEqualTo((double) live.totalHits());
            assertThat(update.path("trend_from_index").asLong()).isEqualTo(7000);
            assertThat(update.path("window_status")).hasSize(4);
        }
    }

    @Test
    void staticFilesCannotEscapeTheirFolder() throws Exception {
        assertThat(rawGet("/app.js")).startsWith("HTTP/1.1 200");
        for (String path : List.of("/../pom.xml", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                "/%2e%2e/org/minidt/dashboard/Dashboard.class", "/webjars/../org/minidt/dashboard/Dashboard.class",
                "/public/../org/minidt/dashboard/Dashboard.class", "/..\\..\\etc\\passwd", "/logback.xml")) {
            String response = rawGet(path);
            assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:x:0:0").doesNotContain("<configuration");
        }
    }

    @Test
    void pagesAndApiCarryAContentSecurityPolicyAllowingOnlyThisServer() throws Exception {
        for (String path : List.of("", "app.js", "api/health")) {
            assertThat(get(path).headers().firstValue("content-security-policy"))
                    .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'").contains("default-src 'self'"));
        }
    }

    /** Opens /events as a browser does and returns the data of the first {@code n} events other than heartbeats. */
    private static List<String> firstEvents(int n) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(dashboard.url() + "events")).header("Accept", "text/event-stream").build();
        List<String> data = new ArrayList<>();
        try {
            HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = r.body()) {
                String event = null;
                Iterator<String> it = lines.iterator();
                while (data.size() < n && it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && !"heartbeat".equals(event)) {
                        data.add(line.substring(5).trim());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return data;
    }

    private static List<Long> indices(JsonNode windows, String run) {
        List<Long> out = new ArrayList<>();
        windows.forEach(w -> {
            if (w.path("run").asText().equals(run)) {
                out.add(w.path("window").path("index").asLong());
            }
        });
        return out;
    }

    /** A request sent byte for byte, so no client library tidies the path up first. */
    private static String rawGet(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", dashboard.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        return Json.MAPPER.readTree(get(path).body());
    }
}
