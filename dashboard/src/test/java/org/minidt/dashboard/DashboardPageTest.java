package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minidt.dashboard.DashboardPage.WAIT;
import static org.minidt.dashboard.DashboardPage.counts;
import static org.minidt.dashboard.DashboardPage.number;
import static org.minidt.dashboard.DashboardPage.sum;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
import org.openqa.selenium.By;

/**
 * The page in a real headless Chromium against the dashboard reading an in-process Kafka broker: what the
 * page shows and plots must be exactly what the window messages say.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardPageTest {
    private static final String RUN = "run000591-page";
    private static final int WINDOWS_BEFORE_START = 30;

    private static DashboardFixture fixture;
    private static HeadlessChromium browser;
    private static DashboardPage page;
    private static final List<WindowSummary> sent = new ArrayList<>();
    private static long runStartMs;

    @BeforeAll
    static void startPipelineTail() throws Exception {
        fixture = new DashboardFixture();
        runStartMs = System.currentTimeMillis() - (WINDOWS_BEFORE_START + 5) * 1000L;
        // A run already going when the dashboard starts: the page must show it at once, not from scratch.
        for (int i = 0; i < WINDOWS_BEFORE_START; i++) {
            send(SampleWindows.window(RUN, runStartMs, i, 3, Set.of()));
        }
        fixture.startDashboard();
        browser = new HeadlessChromium();
        page = new DashboardPage(browser);
        browser.driver().get(fixture.dashboard.url());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        fixture.close();
    }

    @Test
    @Order(1)
    void pageOpenedMidRunShowsLatestWindowAndRunCumulativeAtOnce() {
        WindowSummary latest = sent.get(sent.size() - 1);
        page.awaitShown(latest);

        assertThat(page.text("run")).isEqualTo(RUN);
        assertThat(page.text("window-index")).startsWith("#" + latest.window().index() + " ");
        assertThat(page.text("total-hits")).isEqualTo(number(latest.totalHits()));
        for (WindowSummary.ChamberSummary c : latest.chambers()) {
            assertThat(page.text("chamber-" + c.chamber() + "-hits")).isEqualTo(number(c.hits()));
        }
        assertThat(page.text("run-hits")).isEqualTo(number(sent.stream().mapToLong(WindowSummary::totalHits).sum()));
        assertThat(page.text("run-windows")).startsWith(number(sent.size()) + " windows");
        assertThat(page.text("connection-text")).isEqualTo("LIVE");

        // Cumulative view (the default): every chamber histogram is the bin-wise sum of all windows sent.
        for (int c = 0; c < 4; c++) {
            int chamber = c;
            assertThat(page.plotted("occupancy-" + c, "all hits")).containsExactlyElementsOf(sum(sent, w -> w.chambers().get(chamber).occupancy()));
            assertThat(page.plotted("occupancy-" + c, "scint. matched"))
                    .containsExactlyElementsOf(sum(sent, w -> w.chambers().get(chamber).matchedOccupancy()));
            assertThat(page.plotted("active-" + c, "orbits"))
                    .containsExactlyElementsOf(sum(sent, w -> w.chambers().get(chamber).activeChannelsPerOrbit()));
            assertThat(page.plotted("drift-" + c, "hits")).containsExactlyElementsOf(sum(sent, w -> w.chambers().get(chamber).driftTimeNs()));
            // 30 windows of ~3 hits per cell: enough entries to judge, and every cell alive.
            assertThat(page.statusLevel(c)).isEqualTo("OK");
        }
        assertThat(page.plotted("trend", "total")).hasSize(sent.size());
    }

    @Test
    @Order(2)
    void lastWindowViewPlotsExactlyTheLatestMessage() {
        WindowSummary live = SampleWindows.window(RUN, runStartMs, WINDOWS_BEFORE_START, 3, Set.of());
        send(live);
        page.awaitShown(live);
        page.click("label[for=view-window]");

        for (WindowSummary.ChamberSummary c : live.chambers()) {
            int i = c.chamber();
            assertThat(page.plotted("occupancy-" + i, "all hits")).containsExactlyElementsOf(counts(c.occupancy()));
            assertThat(page.plotted("occupancy-" + i, "scint. matched")).containsExactlyElementsOf(counts(c.matchedOccupancy()));
            assertThat(page.plotted("active-" + i, "orbits")).containsExactlyElementsOf(counts(c.activeChannelsPerOrbit()));
            assertThat(page.plotted("drift-" + i, "hits")).containsExactlyElementsOf(counts(c.driftTimeNs()));
            assertThat(page.plotted("chamber-hits", "hits").get(i)).isEqualTo(c.hits());
            // About 3 entries per cell in one window: the tile must not pretend to judge.
            assertThat(page.statusLevel(i)).isEqualTo("TOO_FEW_ENTRIES");
            assertThat(page.statusText(i)).contains("TOO FEW ENTRIES");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> drift = (Map<String, Object>) browser.js("return window.minidtPage.plotted('drift-0')");
        assertThat(((Number) drift.get("overflow")).longValue()).isEqualTo(live.chambers().get(0).driftTimeNs().overflow());
        assertThat(page.text("total-hits")).isEqualTo(number(live.totalHits()));
    }

    @Test
    @Order(3)
    void statusTileFlagsADeadChamberInTextAndColour() throws Exception {
        WindowSummary deadChamber2 = SampleWindows.window(RUN, runStartMs, WINDOWS_BEFORE_START + 1, 40, Set.of(2));
        send(deadChamber2);
        page.awaitShown(deadChamber2);

        assertThat(page.statusLevel(2)).isEqualTo("DEAD_CHANNELS");
        assertThat(page.statusText(2)).contains("✗").contains("DEAD CHANNELS").contains("64 dead");
        for (int c : new int[] {0, 1, 3}) {
            assertThat(page.statusLevel(c)).isEqualTo("OK");
            assertThat(page.statusText(c)).contains("✓").contains("OK");
        }
        assertThat(page.text("chamber-2-hits")).isEqualTo("0");
        String deadColour = browser.driver().findElement(By.cssSelector("#status-2 .status-icon")).getCssValue("background-color");
        String okColour = browser.driver().findElement(By.cssSelector("#status-0 .status-icon")).getCssValue("background-color");
        assertThat(deadColour).isNotEqualTo(okColour);

        Path png = browser.screenshot(Path.of("target", "screenshots", "dashboard.png"));
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    @Order(4)
    void malformedMessageIsCountedAndSkippedAndThePageKeepsGoing() throws Exception {
        fixture.results.send(RUN, "{\"schema\":1,\"run\":".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        WindowSummary after = SampleWindows.window(RUN, runStartMs, WINDOWS_BEFORE_START + 2, 3, Set.of());
        send(after);
        page.awaitShown(after);
        assertThat(page.text("total-hits")).isEqualTo(number(after.totalHits()));
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fixture.dashboard.url() + "api/health")).build(), HttpResponse.BodyHandlers.ofString());
        Map<?, ?> h = Json.MAPPER.readValue(health.body(), Map.class);
        assertThat(h.get("malformed_results")).isEqualTo(1);
        assertThat(h.get("status")).isEqualTo("UP");
    }

    @Test
    @Order(5)
    void pauseHoldsTheDrawnWindowUntilResumed() {
        WindowSummary shown = sent.get(sent.size() - 1);
        page.awaitShown(shown);
        page.click("#pause");
        WindowSummary arriving = SampleWindows.window(RUN, runStartMs, shown.window().index() + 1, 3, Set.of());
        send(arriving);
        browser.waitFor(WAIT, d -> page.text("pause").contains("1 new"));
        assertThat(page.text("window-index")).startsWith("#" + shown.window().index() + " ");
        assertThat(page.text("total-hits")).isEqualTo(number(shown.totalHits()));

        page.click("#pause");
        page.awaitShown(arriving);
        assertThat(page.text("total-hits")).isEqualTo(number(arriving.totalHits()));
        assertThat(page.text("pause")).contains("Pause");
    }

    @Test
    @Order(6)
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String hostileRun = "<img src=x onerror=\"window.__pwned=1\">";
        send(SampleWindows.window(hostileRun, runStartMs, 0, 3, Set.of()));
        browser.waitFor(WAIT, d -> hostileRun.equals(page.text("run")));
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("header img"))).isEmpty();
    }

    private static void send(WindowSummary w) {
        fixture.results.send(w);
        if (w.run().equals(RUN)) {
            sent.add(w);
        }
    }
}
