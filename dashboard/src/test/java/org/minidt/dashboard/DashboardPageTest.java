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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidt.common.CellMap;
import org.minidt.common.Chamber;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.interactions.Actions;

/**
 * The page in a real headless Chromium against the dashboard reading an in-process Kafka broker: what the
 * page shows and plots must be exactly what the window messages say. The broker, one dashboard and the
 * browser are shared; every test loads the page afresh and sends the windows of a run of its own.
 */
class DashboardPageTest {
    private static DashboardFixture fixture;
    private static HeadlessChromium browser;
    private static DashboardPage page;

    @BeforeAll
    static void startPipelineTail() throws Exception {
        fixture = new DashboardFixture();
        fixture.startDashboard();
        browser = new HeadlessChromium();
        page = new DashboardPage(browser);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        fixture.close();
    }

    private static void open(Dashboard dashboard) {
        browser.driver().manage().window().setSize(new Dimension(1680, 1000));
        browser.driver().get(dashboard.url());
    }

    /** A run whose windows 0..n-1 were sent, starting n + 5 s ago. */
    private static List<WindowSummary> sendRun(String run, int n, long runStartMs) {
        List<WindowSummary> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WindowSummary w = SampleWindows.window(run, runStartMs, i, 3, Set.of());
            fixture.results.send(w);
            sent.add(w);
        }
        return sent;
    }

    private static long startedAgo(int windows) {
        return System.currentTimeMillis() - (windows + 5) * 1000L;
    }

    @Test
    void pageOpenedMidRunShowsLatestWindowAndRunCumulativeAtOnce() throws Exception {
        // A run already going when the dashboard starts: the page must show it at once, not from scratch.
        List<WindowSummary> sent = sendRun("run-mid", 30, startedAgo(30));
        try (Dashboard started = new Dashboard(DashboardConfig.defaults(fixture.kafka.bootstrapServers(), "127.0.0.1", 0)).start()) {
            open(started);
            WindowSummary latest = sent.get(sent.size() - 1);
            page.awaitShown(latest);

            assertThat(page.text("run")).isEqualTo("run-mid");
            assertThat(page.text("window-index")).startsWith("#" + latest.window().index() + " ");
            assertThat(page.text("window-time")).isEqualTo("t = 29–30 s");
            // 1 s windows: the rate in hits/s is the count.
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
                assertThat(page.plotted("occupancy-" + c, "scint. matched (right axis)"))
                        .containsExactlyElementsOf(sum(sent, w -> w.chambers().get(chamber).matchedOccupancy()));
                assertThat(page.plotted("drift-" + c, "hits")).containsExactlyElementsOf(sum(sent, w -> w.chambers().get(chamber).driftTimeNs()));
                // Multiplicities of a few channels: the axis stops after the last filled bin (at least 16 bins).
                List<Long> active = sum(sent, w -> w.chambers().get(chamber).activeChannelsPerOrbit());
                assertThat(page.plotted("active-" + c, "orbits")).containsExactlyElementsOf(active.subList(0, 16));
                assertThat(active.subList(16, active.size())).containsOnly(0L);
                // 30 windows of ~3 hits per cell: enough entries to judge, and every cell alive.
                assertThat(page.statusLevel(c)).isEqualTo("OK");
            }
            assertThat(page.plotted("trend", "total")).hasSize(sent.size());
        }
    }

    /**
     * Windows arriving faster than the page draws (about 20 a second at 100,000 hits/s): the page draws the newest one per
     * frame instead of every one in turn, which fell 13-26 s behind the stream in the latency benchmark, and the trend
     * still gets every window's point.
     */
    @Test
    void windowsArrivingFasterThanThePageDrawsAreCoalescedIntoTheNewestAndTheTrendKeepsEveryPoint() {
        open(fixture.dashboard);
        int n = 300;
        long start = System.currentTimeMillis() - (n + 5) * 1000L;
        WindowSummary warm = SampleWindows.window("run-warm", start, 0, 3, Set.of());
        fixture.results.send(warm);
        page.awaitShown(warm);
        List<WindowSummary> burst = sendRun("run-burst", n, start);
        page.awaitShown(burst.get(n - 1));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> drawn = (List<Map<String, Object>>) browser.js("return window.minidtPage.drawLog()");
        long liveDraws = drawn.stream().filter(e -> "run-burst".equals(e.get("run")) && "live".equals(e.get("source"))).count();
        assertThat(liveDraws).as("live drawings of the %d windows of the burst", n).isPositive().isLessThan(n / 2);
        assertThat(page.trendRun()).isEqualTo("run-burst");
        assertThat(page.trendStarts()).as("trend points").hasSize(n);
    }

    /**
     * A new window is drawn on the charts the operator can see; a chart far below the screen keeps its picture until it
     * scrolls near, and then shows the newest window at once (the latency benchmark's page had 31-59 ms of drawing per
     * window, most of it for the twenty charts below the screen).
     */
    @Test
    void aChartFarBelowTheScreenIsDrawnWhenItScrollsNearAndThenShowsTheNewestWindow() {
        open(fixture.dashboard);
        long start = startedAgo(2);
        WindowSummary first = SampleWindows.window("run-scroll", start, 0, 3, Set.of());
        fixture.results.send(first);
        page.awaitShown(first);
        String firstDrift = "entries " + number(first.chambers().get(3).driftTimeNs().inRange());
        // Seen once, then the page scrolled back to its top: chamber 3's drift time lies below the screen.
        browser.js("document.getElementById('drift-3').scrollIntoView()");
        browser.waitFor(WAIT, d -> drawnSubtitle("drift-3").startsWith(firstDrift));
        browser.js("window.scrollTo(0, 0)");
        page.afterTwoFrames();

        WindowSummary second = SampleWindows.window("run-scroll", start, 1, 3, Set.of());
        fixture.results.send(second);
        page.awaitShown(second);
        page.afterTwoFrames();
        List<WindowSummary> both = List.of(first, second);
        String bothDrift = "entries " + number(sum(both, w -> w.chambers().get(3).driftTimeNs()).stream().mapToLong(Long::longValue).sum());
        assertThat(drawnSubtitle("occupancy-0")).as("a chart on the screen").startsWith("entries " + number(
                sum(both, w -> w.chambers().get(0).occupancy()).stream().mapToLong(Long::longValue).sum()));
        assertThat(drawnSubtitle("drift-3")).as("a chart below the screen, not yet drawn again").startsWith(firstDrift);

        browser.js("document.getElementById('drift-3').scrollIntoView()");
        browser.waitFor(WAIT, d -> drawnSubtitle("drift-3").startsWith(bothDrift));
        assertThat(page.plotted("drift-3", "hits")).containsExactlyElementsOf(sum(both, w -> w.chambers().get(3).driftTimeNs()));
    }

    private static String drawnSubtitle(String chart) {
        Object subtitle = browser.js("const e = document.getElementById(arguments[0]); return e.plotSpec ? e.plotSpec.spec.subtitle : ''", chart);
        return String.valueOf(subtitle);
    }

    @Test
    void lastWindowViewPlotsExactlyTheLatestMessage() {
        open(fixture.dashboard);
        List<WindowSummary> sent = sendRun("run-last", 3, startedAgo(3));
        WindowSummary live = sent.get(2);
        page.awaitShown(live);
        page.click("label[for=view-window]");

        for (WindowSummary.ChamberSummary c : live.chambers()) {
            int i = c.chamber();
            assertThat(page.plotted("occupancy-" + i, "all hits")).containsExactlyElementsOf(counts(c.occupancy()));
            assertThat(page.plotted("occupancy-" + i, "scint. matched (right axis)")).containsExactlyElementsOf(counts(c.matchedOccupancy()));
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
    void statusTileFlagsADeadChamberInTextAndColour() throws Exception {
        open(fixture.dashboard);
        WindowSummary deadChamber2 = SampleWindows.window("run-dead", startedAgo(1), 0, 40, Set.of(2));
        fixture.results.send(deadChamber2);
        page.awaitShown(deadChamber2);

        assertThat(page.statusLevel(2)).isEqualTo("DEAD_CHANNELS");
        assertThat(page.statusText(2)).contains("✗").contains("DEAD CHANNELS").contains("64 without hits");
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
    void malformedMessageIsCountedAndSkippedAndThePageKeepsGoing() throws Exception {
        open(fixture.dashboard);
        long malformedBefore = ((Number) health().get("malformed_results")).longValue();
        fixture.results.send("run-malformed", "{\"schema\":2,\"run\":".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        WindowSummary after = SampleWindows.window("run-malformed", startedAgo(1), 0, 3, Set.of());
        fixture.results.send(after);
        page.awaitShown(after);
        assertThat(page.text("total-hits")).isEqualTo(number(after.totalHits()));
        Map<?, ?> h = health();
        assertThat(((Number) h.get("malformed_results")).longValue()).isEqualTo(malformedBefore + 1);
        assertThat(h.get("status")).isEqualTo("UP");
    }

    @Test
    void pauseHoldsTheDrawnWindowUntilResumed() {
        open(fixture.dashboard);
        long start = startedAgo(2);
        WindowSummary shown = SampleWindows.window("run-pause", start, 0, 3, Set.of());
        fixture.results.send(shown);
        page.awaitShown(shown);
        page.click("#pause");
        WindowSummary arriving = SampleWindows.window("run-pause", start, 1, 3, Set.of());
        fixture.results.send(arriving);
        browser.waitFor(WAIT, d -> page.text("pause").contains("1 new"));
        assertThat(page.text("window-index")).startsWith("#0 ");
        assertThat(page.text("total-hits")).isEqualTo(number(shown.totalHits()));

        page.click("#pause");
        page.awaitShown(arriving);
        assertThat(page.text("total-hits")).isEqualTo(number(arriving.totalHits()));
        assertThat(page.text("pause")).contains("Pause");
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        open(fixture.dashboard);
        String hostileRun = "<img src=x onerror=\"window.__pwned=1\">";
        fixture.results.send(SampleWindows.window(hostileRun, startedAgo(1), 0, 3, Set.of()));
        browser.waitFor(WAIT, d -> hostileRun.equals(page.text("run")));
        assertThat(browser.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("header img"))).isEmpty();
    }

    /** Channel 27 of FPGA 0 is cell L2-W07 of chamber 0 (docs/detector.md); every other cell has hits. */
    @Test
    void cellMapOfARunWithOneSilentCellShowsExactlyThatCellEmpty() {
        open(fixture.dashboard);
        long start = startedAgo(5);
        List<WindowSummary> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WindowSummary w = SampleWindows.withSilentChannel(SampleWindows.window("run-silent-cell", start, i, 5, Set.of()), 0, 27);
            fixture.results.send(w);
            sent.add(w);
        }
        page.awaitShown(sent.get(4));

        // The reference: hits per (FPGA, channel) summed plainly over the windows, read through the cell map.
        Map<String, Long> hitsByChannel = new HashMap<>();
        for (WindowSummary w : sent) {
            for (WindowSummary.ChamberSummary c : w.chambers()) {
                long[] n = c.occupancy().binCounts();
                for (int k = 0; k < n.length; k++) {
                    hitsByChannel.merge(c.fpga() + "/" + (c.firstChannel() + k), n[k], Long::sum);
                }
            }
        }
        List<String> empty = new ArrayList<>();
        List<String> noData = new ArrayList<>();
        for (Chamber chamber : Chamber.values()) {
            List<Map<String, Object>> cells = page.cells(chamber.index());
            assertThat(cells).hasSize(64);
            for (int k = 0; k < 64; k++) {
                var expected = CellMap.DEFAULT.cells(chamber).get(k);
                Map<String, Object> shown = cells.get(k);
                assertThat(shown.get("label")).isEqualTo(expected.label());
                Long want = hitsByChannel.get(chamber.fpga() + "/" + expected.channel());
                Object count = shown.get("count");
                assertThat(count == null ? null : ((Number) count).longValue()).as("chamber %d %s", chamber.index(), expected).isEqualTo(want);
                if (want == null) {
                    noData.add(chamber.index() + " " + expected);
                } else if (want == 0) {
                    empty.add(chamber.index() + " " + expected);
                }
            }
        }
        assertThat(empty).containsExactly("0 cell L2-W07 (ch 27)");
        // Hovering over the empty cell names it, its channel and its count.
        Map<?, ?> box = (Map<?, ?>) browser.js("const el = document.getElementById('cells-0');"
                + " const b = el.plotSpec.boxes.find(q => q.cell.label === 'L2-W07');"
                + " return { dx: b.x + b.w / 2 - el.clientWidth / 2, dy: b.y + b.h / 2 - el.clientHeight / 2 };");
        new Actions(browser.driver()).moveToElement(browser.driver().findElement(By.id("cells-0")),
                ((Number) box.get("dx")).intValue(), ((Number) box.get("dy")).intValue()).perform();
        browser.waitFor(WAIT, d -> page.text("readout").contains("L2-W07"));
        assertThat(page.text("readout")).isEqualTo("Chamber 0 · layer 2 · cell 7 (L2-W07)\nTDC channel 27 · 0 hits");
        // Channel 128 reads L4-W16 of chambers 1 and 3, but the course's chamber split counts it in no chamber.
        assertThat(noData).containsExactly("1 cell L4-W16 (ch 128)", "3 cell L4-W16 (ch 128)");
    }

    @Test
    void atSixteenHundredByTwelveHundredNoTileTextIsClipped() {
        open(fixture.dashboard);
        browser.driver().manage().window().setSize(new Dimension(1600, 1200));
        // Long texts: six-digit rates and a chamber with every cell dead.
        WindowSummary w = SampleWindows.window("run-000591-with-a-long-name-pass12", startedAgo(1), 0, 3000, Set.of(1));
        fixture.results.send(w);
        page.awaitShown(w);
        @SuppressWarnings("unchecked")
        List<String> clipped = (List<String>) browser.js("""
                const out = [];
                document.querySelectorAll('.tile *, .status *, .now dd, .now dt').forEach(el => {
                  if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
                    out.push((el.id || el.className) + ': ' + el.textContent + ' (' + el.scrollWidth + 'x' + el.scrollHeight
                      + ' in ' + el.clientWidth + 'x' + el.clientHeight + ')');
                  }
                });
                return out;""");
        assertThat(clipped).isEmpty();
        assertThat(page.statusText(1)).contains("64 without hits");
    }

    /**
     * A loop replay with Run000591's silence, as the processor emits it: two passes (two runs), windows 0..5
     * then 236..238 of each, the processor's clock 3 s ahead of the dashboard's. The delay shown is never
     * negative, and the trend shows the newest run in window order with the silence as a break.
     */
    @Test
    void delayIsNeverNegativeAndTheTrendNeverRunsBackwardsOverALoopReplayWithAGap() {
        open(fixture.dashboard);
        long[] indices = {0, 1, 2, 3, 4, 5, 236, 237, 238};
        for (int pass = 1; pass <= 2; pass++) {
            String run = "loop-pass" + pass;
            long start = startedAgo(10);
            for (long index : indices) {
                long ahead = System.currentTimeMillis() + 3000;
                WindowSummary w = SampleWindows.readyAt(SampleWindows.window(run, start, index, 3, Set.of()), ahead, ahead + 5);
                fixture.results.send(w);
                page.awaitShown(w);
                Map<?, ?> fresh = (Map<?, ?>) browser.js("return window.minidtPage.freshness()");
                assertThat(((Number) fresh.get("delay_ms")).doubleValue()).as("delay of %s#%d", run, index).isGreaterThanOrEqualTo(0);
                assertThat(((Number) fresh.get("age_ms")).doubleValue()).as("age of %s#%d", run, index).isGreaterThanOrEqualTo(0);
                assertThat(page.text("delay")).doesNotStartWith("-");
                List<Double> x = page.trendStarts();
                assertThat(x).as("trend x of %s after #%d", run, index).isSorted().doesNotHaveDuplicates();
                assertThat(x.get(x.size() - 1)).isEqualTo(index * 1.0);
                assertThat(page.trendRun()).isEqualTo(run);
            }
        }
        // The newest pass's trend: 0..5 s, a break, 236..238 s.
        assertThat(page.trendStarts()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 236.0, 237.0, 238.0);
    }

    /** The chain took 8 s from the moment the window could close to the page: late, whatever the replay pace. */
    @Test
    void aWindowThatTookLongerThanFiveSecondsFromClosableToThePageIsLate() {
        open(fixture.dashboard);
        long start = startedAgo(2);
        long now = System.currentTimeMillis();
        WindowSummary slow = SampleWindows.readyAt(SampleWindows.window("run-late", start, 0, 3, Set.of()), now - 8000, now - 7000);
        fixture.results.send(slow);
        page.awaitShown(slow);
        assertThat(browser.driver().findElement(By.id("delay")).getAttribute("data-level")).isEqualTo("late");
        assertThat(((Number) ((Map<?, ?>) browser.js("return window.minidtPage.freshness()")).get("delay_ms")).doubleValue())
                .isBetween(8000.0, 8000.0 + WAIT.toMillis());

        WindowSummary prompt = SampleWindows.readyAt(SampleWindows.window("run-late", start, 1, 3, Set.of()),
                System.currentTimeMillis(), System.currentTimeMillis());
        fixture.results.send(prompt);
        page.awaitShown(prompt);
        assertThat(browser.driver().findElement(By.id("delay")).getAttribute("data-level")).isEqualTo("ok");
    }

    private static Map<?, ?> health() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fixture.dashboard.url() + "api/health")).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readValue(health.body(), Map.class);
    }
}
