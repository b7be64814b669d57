package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minidt.dashboard.DashboardPage.WAIT;
import static org.minidt.dashboard.DashboardPage.counts;
import static org.minidt.dashboard.DashboardPage.number;
import static org.minidt.dashboard.DashboardPage.sum;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.WindowSummary;
import org.minidt.dashboard.DashboardPage;
import org.minidt.dashboard.HeadlessChromium;
import org.minidt.emulator.Pacing;

/**
 * The page in headless Chromium at the end of the real chain: S3 -> emulator -> Kafka -> processor ->
 * minidt.results -> dashboard -> browser. The data is Run000591 with chamber 3 (FPGA 1, TDC channels
 * 64..127) taken out, as if that chamber had lost its high voltage: the page must show exactly what the
 * processor wrote, and call chamber 3 dead.
 */
class DashboardBrowserEndToEndTest {
    private static final String RUN = "run000591-ch3-off";
    private static Pipeline pipeline;
    private static HeadlessChromium browser;
    private static DashboardPage page;

    @BeforeAll
    static void startChain(@TempDir Path data) throws Exception {
        writeWithoutChamber3(Path.of("..", "data", "run000591", "data_000000.txt"), data.resolve("run000591-ch3-off").resolve("data_000000.txt"));
        pipeline = new Pipeline(data, "run000591-ch3-off/", RUN, Pacing.rate(2000), false);
        browser = new HeadlessChromium();
        page = new DashboardPage(browser);
        browser.driver().get(pipeline.dashboard.url());
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void pageShowsExactlyTheProcessorsWindowsAndFlagsTheDeadChamber() throws Exception {
        // Enough of the run for the cumulative view to judge (median >= 20 entries per cell).
        browser.waitFor(WAIT, d -> "DEAD_CHANNELS".equals(page.statusLevel(3)) && "BAD".equals(page.statusQuality(3)));
        page.click("#pause");
        Map<?, ?> shown = (Map<?, ?>) browser.js("return window.minidtPage.shown()");
        long index = ((Number) shown.get("index")).longValue();
        assertThat(shown.get("run")).isEqualTo(RUN);
        WindowSummary latest = browser.waitFor(WAIT, d -> pipeline.results().find(RUN, index).orElse(null));
        List<WindowSummary> run = pipeline.results().runUpTo(latest);

        // Run-cumulative view: the service's sums equal the sums of the processor's messages.
        assertThat(page.text("run-hits")).isEqualTo(number(run.stream().mapToLong(WindowSummary::totalHits).sum()));
        for (int c = 0; c < 4; c++) {
            int chamber = c;
            assertThat(page.plotted("occupancy-" + c, "all hits")).as("cumulative occupancy, chamber %d", c)
                    .containsExactlyElementsOf(sum(run, w -> w.chambers().get(chamber).occupancy()));
            assertThat(page.plotted("drift-" + c, "hits")).containsExactlyElementsOf(sum(run, w -> w.chambers().get(chamber).driftTimeNs()));
        }
        // The tiles judge against the reference run, as the quality summary above them does: chamber 3 is BAD; the
        // others, whose always-dead and hot cells fail the self-check against the run's own median, are not BAD (their
        // share of the hits rises by a third without chamber 3, which the rate check may call MEDIUM), and the
        // self-check is only a neutral line of counts.
        assertThat(page.statusText(3)).contains("✗").contains("BAD vs reference").contains("64 without hits");
        for (int c = 0; c < 3; c++) {
            // Read together: the quality view may redraw between two reads.
            List<?> tile = (List<?>) browser.js("const c = arguments[0]; return [document.getElementById('status-' + c).dataset.quality,"
                    + " document.getElementById('q-chamber-' + c).dataset.quality, document.getElementById('status-' + c).innerText]", c);
            assertThat(tile.get(0)).as("chamber %d against the reference", c).isIn("GOOD", "MEDIUM").isEqualTo(tile.get(1));
            assertThat((String) tile.get(2)).contains(tile.get(0) + " vs reference").doesNotContain("DEAD CHANNELS")
                    .doesNotContain("NOISY CHANNELS");
        }
        assertThat(page.statusLevel(1)).isNotEqualTo("DEAD_CHANNELS");
        assertThat(page.text("chamber-3-hits")).isEqualTo("0");
        browser.screenshot(Path.of("target", "screenshots", "dashboard-e2e.png"));

        // Last-window view of the paused page: exactly the latest message it had drawn.
        page.click("label[for=view-window]");
        browser.waitFor(WAIT, d -> "window".equals(((Map<?, ?>) browser.js("return window.minidtPage.shown()")).get("view")));
        assertThat(page.text("window-index")).startsWith("#" + index + " ");
        // 1 s windows: hits/s is the window's count.
        assertThat(page.text("total-hits")).isEqualTo(number(latest.totalHits()));
        for (WindowSummary.ChamberSummary c : latest.chambers()) {
            int i = c.chamber();
            assertThat(page.text("chamber-" + i + "-hits")).isEqualTo(number(c.hits()));
            assertThat(page.plotted("occupancy-" + i, "all hits")).containsExactlyElementsOf(counts(c.occupancy()));
            assertThat(page.plotted("occupancy-" + i, "scint. matched (right axis)")).containsExactlyElementsOf(counts(c.matchedOccupancy()));
            // The multiplicity axis stops after the last filled bin.
            List<Long> active = counts(c.activeChannelsPerOrbit());
            List<Long> activeShown = page.plotted("active-" + i, "orbits");
            assertThat(activeShown).isEqualTo(active.subList(0, activeShown.size()));
            assertThat(active.subList(activeShown.size(), active.size())).containsOnly(0L);
            assertThat(page.plotted("drift-" + i, "hits")).containsExactlyElementsOf(counts(c.driftTimeNs()));
            assertThat(page.plotted("chamber-hits", "hits").get(i)).isEqualTo(c.hits());
        }

        // Resumed, the page moves on to newer windows.
        page.click("#pause");
        browser.waitFor(WAIT, d -> ((Number) ((Map<?, ?>) browser.js("return window.minidtPage.shown()")).get("index")).longValue() > index);
        browser.screenshot(Path.of("target", "screenshots", "dashboard-e2e-last-window.png"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQualityViewCallsChamber3BadAgainstTheRun000591ReferenceAndNothingElse() throws Exception {
        browser.waitFor(WAIT, d -> {
            Map<String, Object> q = (Map<String, Object>) browser.js("return window.minidtQuality.shown()");
            return q != null && RUN.equals(q.get("run")) && "BAD".equals(((List<Map<String, Object>>) q.get("chambers")).get(3).get("quality"));
        });
        Map<String, Object> q = (Map<String, Object>) browser.js("return window.minidtQuality.shown()");
        List<Map<String, Object>> chambers = (List<Map<String, Object>>) q.get("chambers");
        assertThat((String) chambers.get(3).get("reason")).matches("chamber 3: 0 hits \\(0 Hz\\) = 0 % of the expected \\d+ "
                + "\\(reference run000591: 1141 Hz\\)");
        for (int c = 0; c < 3; c++) {
            assertThat(chambers.get(c).get("quality")).as("chamber %d: %s", c, chambers.get(c).get("reason")).isIn("GOOD", "NULL");
        }
        assertThat(((Map<String, Object>) q.get("detector")).get("reason")).isEqualTo(chambers.get(3).get("reason"));
        assertThat(q.get("reference")).isEqualTo("run000591");
        browser.screenshot(Path.of("target", "screenshots", "quality-e2e.png"));
    }

    /** Copies a Run000591 file without the words of chamber 3 (FPGA 1, TDC_CHANNEL 64..127). */
    private static void writeWithoutChamber3(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.US_ASCII);
                BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                boolean chamber3 = f.length == 6 && f[1].equals("1") && f[2].chars().allMatch(Character::isDigit)
                        && Integer.parseInt(f[2]) >= 64 && Integer.parseInt(f[2]) < 128;
                if (!chamber3) {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
    }
}
