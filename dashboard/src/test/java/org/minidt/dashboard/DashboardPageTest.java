package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.minidt.common.Histogram;
import org.minidt.common.Json;
import org.minidt.common.TopicSetup;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.openqa.selenium.By;

/**
 * The page in a real headless Chromium against the dashboard reading an in-process Kafka broker: what the
 * page shows and plots must be exactly what the window messages say.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardPageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String RUN = "run000591-page";
    private static final int WINDOWS_BEFORE_START = 30;

    private static EmbeddedKafka kafka;
    private static ResultsTopic results;
    private static Dashboard dashboard;
    private static HeadlessChromium browser;
    private static final List<WindowSummary> sent = new ArrayList<>();
    private static long runStartMs;

    @BeforeAll
    static void startPipelineTail() throws Exception {
        kafka = EmbeddedKafka.start();
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        results = new ResultsTopic(kafka.bootstrapServers());
        runStartMs = System.currentTimeMillis() - (WINDOWS_BEFORE_START + 5) * 1000L;
        // A run already going when the dashboard starts: the page must show it at once, not from scratch.
        for (int i = 0; i < WINDOWS_BEFORE_START; i++) {
            send(SampleWindows.window(RUN, runStartMs, i, 3, Set.of()));
        }
        dashboard = new Dashboard(DashboardConfig.defaults(kafka.bootstrapServers(), "127.0.0.1", 0)).start();
        browser = new HeadlessChromium();
        browser.driver().get(dashboard.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (results != null) {
            results.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void pageOpenedMidRunShowsLatestWindowAndRunCumulativeAtOnce() {
        WindowSummary latest = sent.get(sent.size() - 1);
        awaitShown(latest);

        assertThat(textOf("run")).isEqualTo(RUN);
        assertThat(textOf("window-index")).startsWith("#" + latest.window().index() + " ");
        assertThat(textOf("total-hits")).isEqualTo(number(latest.totalHits()));
        for (WindowSummary.ChamberSummary c : latest.chambers()) {
            assertThat(textOf("chamber-" + c.chamber() + "-hits")).isEqualTo(number(c.hits()));
        }
        assertThat(textOf("run-hits")).isEqualTo(number(sent.stream().mapToLong(WindowSummary::totalHits).sum()));
        assertThat(textOf("run-windows")).startsWith(number(sent.size()) + " windows");
        assertThat(textOf("connection-text")).isEqualTo("LIVE");

        // Cumulative view (the default): every chamber histogram is the bin-wise sum of all windows sent.
        for (int c = 0; c < 4; c++) {
            int chamber = c;
            assertThat(plotted("occupancy-" + c, "all hits")).containsExactlyElementsOf(sumOf(w -> w.chambers().get(chamber).occupancy()));
            assertThat(plotted("occupancy-" + c, "scint. matched")).containsExactlyElementsOf(sumOf(w -> w.chambers().get(chamber).matchedOccupancy()));
            assertThat(plotted("active-" + c, "orbits")).containsExactlyElementsOf(sumOf(w -> w.chambers().get(chamber).activeChannelsPerOrbit()));
            assertThat(plotted("drift-" + c, "hits")).containsExactlyElementsOf(sumOf(w -> w.chambers().get(chamber).driftTimeNs()));
            // 30 windows of ~3 hits per cell: enough entries to judge, and every cell alive.
            assertThat(statusLevel(c)).isEqualTo("OK");
        }
        assertThat(plotted("trend", "total")).hasSize(sent.size());
    }

    @Test
    @Order(2)
    void lastWindowViewPlotsExactlyTheLatestMessage() {
        WindowSummary live = SampleWindows.window(RUN, runStartMs, WINDOWS_BEFORE_START, 3, Set.of());
        send(live);
        awaitShown(live);
        browser.driver().findElement(By.cssSelector("label[for=view-window]")).click();

        for (WindowSummary.ChamberSummary c : live.chambers()) {
            int i = c.chamber();
            assertThat(plotted("occupancy-" + i, "all hits")).containsExactlyElementsOf(asList(c.occupancy().binCounts()));
            assertThat(plotted("occupancy-" + i, "scint. matched")).containsExactlyElementsOf(asList(c.matchedOccupancy().binCounts()));
            assertThat(plotted("active-" + i, "orbits")).containsExactlyElementsOf(asList(c.activeChannelsPerOrbit().binCounts()));
            assertThat(plotted("drift-" + i, "hits")).containsExactlyElementsOf(asList(c.driftTimeNs().binCounts()));
            assertThat(plotted("chamber-hits", "hits").get(i)).isEqualTo(c.hits());
            // About 3 entries per cell in one window: the tile must not pretend to judge.
            assertThat(statusLevel(i)).isEqualTo("TOO_FEW_ENTRIES");
            assertThat(statusText(i)).contains("TOO FEW ENTRIES");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> drift = (Map<String, Object>) browser.js("return window.minidtPage.plotted('drift-0')");
        assertThat(((Number) drift.get("overflow")).longValue()).isEqualTo(live.chambers().get(0).driftTimeNs().overflow());
        assertThat(textOf("total-hits")).isEqualTo(number(live.totalHits()));
    }

    @Test
    @Order(3)
    void statusTileFlagsADeadChamberInTextAndColour() throws Exception {
        WindowSummary deadChamber2 = SampleWindows.window(RUN, runStartMs, WINDOWS_BEFORE_START + 1, 40, Set.of(2));
        send(deadChamber2);
        awaitShown(deadChamber2);

        assertThat(statusLevel(2)).isEqualTo("DEAD_CHANNELS");
        assertThat(statusText(2)).contains("✗").contains("DEAD CHANNELS").contains("64 dead");
        for (int c : new int[] {0, 1, 3}) {
            assertThat(statusLevel(c)).isEqualTo("OK");
            assertThat(statusText(c)).contains("✓").contains("OK");
        }
        assertThat(textOf("chamber-2-hits")).isEqualTo("0");
        String deadColour = browser.driver().findElement(By.cssSelector("#status-2 .status-icon")).getCssValue("background-color");
        String okColour = browser.driver().findElement(By.cssSelector("#status-0 .status-icon")).getCssValue("background-color");
        assertThat(deadColour).isNotEqualTo(okColour);

        Path png = browser.screenshot(Path.of("target", "screenshots", "dashboard.png"));
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    @Order(4)
    void malformedMessageIsCountedAndSkippedAndThePageKeepsGoing() throws Exception {
        results.send(RUN, "{\"schema\":1,\"run\":".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        WindowSummary after = SampleWindows.window(RUN, runStartMs, WINDOWS_BEFORE_START + 2, 3, Set.of());
        send(after);
        awaitShown(after);
        assertThat(textOf("total-hits")).isEqualTo(number(after.totalHits()));
        Map<?, ?> health = Json.MAPPER.readValue(get("api/health"), Map.class);
        assertThat(health.get("malformed_results")).isEqualTo(1);
        assertThat(health.get("status")).isEqualTo("UP");
    }

    @Test
    @Order(5)
    void pauseHoldsTheDrawnWindowUntilResumed() {
        WindowSummary shown = sent.get(sent.size() - 1);
        awaitShown(shown);
        browser.driver().findElement(By.id("pause")).click();
        WindowSummary arriving = SampleWindows.window(RUN, runStartMs, shown.window().index() + 1, 3, Set.of());
        send(arriving);
        browser.waitFor(WAIT, d -> textOf("pause").contains("1 new"));
        assertThat(textOf("window-index")).startsWith("#" + shown.window().index() + " ");
        assertThat(textOf("total-hits")).isEqualTo(number(shown.totalHits()));

        browser.driver().findElement(By.id("pause")).click();
        awaitShown(arriving);
        assertThat(textOf("total-hits")).isEqualTo(number(arriving.totalHits()));
        assertThat(textOf("pause")).contains("Pause");
    }

    @Test
    @Order(6)
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String hostileRun = "<img src=x onerror=\"window.__pwned=1\">";
        WindowSummary w = SampleWindows.window(hostileRun, runStartMs, 0, 3, Set.of());
        send(w);
        browser.waitFor(WAIT, d -> hostileRun.equals(textOf("run")));
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("header img"))).isEmpty();
    }

    private static void send(WindowSummary w) {
        results.send(w);
        if (w.run().equals(RUN)) {
            sent.add(w);
        }
    }

    private static void awaitShown(WindowSummary w) {
        browser.waitFor(WAIT, d -> {
            Object shown = browser.js("const s = window.minidtPage && window.minidtPage.shown(); return s && (s.run + '#' + s.index);");
            return (w.run() + "#" + w.window().index()).equals(shown);
        });
    }

    private static String textOf(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static String statusLevel(int chamber) {
        return browser.driver().findElement(By.id("status-" + chamber)).getAttribute("data-level");
    }

    private static String statusText(int chamber) {
        return browser.driver().findElement(By.id("status-" + chamber)).getText();
    }

    /** The values the page handed to the chart {@code chartId} for the series {@code name}. */
    @SuppressWarnings("unchecked")
    private static List<Long> plotted(String chartId, String name) {
        Map<String, Object> p = (Map<String, Object>) browser.js("return window.minidtPage.plotted(arguments[0])", chartId);
        assertThat(p).as("chart %s drawn", chartId).isNotNull();
        for (Map<String, Object> s : (List<Map<String, Object>>) p.get("series")) {
            if (name.equals(s.get("name"))) {
                return ((List<Object>) s.get("data")).stream()
                        .map(v -> v instanceof List<?> point ? ((Number) point.get(1)).longValue() : ((Number) v).longValue()).toList();
            }
        }
        throw new AssertionError("chart " + chartId + " has no series " + name + ": " + p);
    }

    private static List<Long> sumOf(java.util.function.Function<WindowSummary, Histogram> histogram) {
        long[] sum = new long[histogram.apply(sent.get(0)).binCounts().length];
        for (WindowSummary w : sent) {
            long[] counts = histogram.apply(w).binCounts();
            for (int i = 0; i < counts.length; i++) {
                sum[i] += counts[i];
            }
        }
        return asList(sum);
    }

    private static List<Long> asList(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static String number(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
