package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.minidt.dashboard.DashboardPage;
import org.minidt.dashboard.HeadlessChromium;
import org.minidt.dashboard.Poll;
import org.minidt.emulator.Pacing;

/**
 * The whole chain replaying Run000591 in a loop at four times the detector's clock, its 210 s silence cut to
 * 2 s: watched in Chromium through two passes, the page never shows a negative delay and its trend never runs
 * backwards, breaks at the silence, and moves on to the new run with each pass.
 */
class LoopReplayBrowserTest {

    @Test
    void overALoopReplayTheDelayIsNeverNegativeAndTheTrendNeverRunsBackwards() throws Exception {
        // The browser first: its start-up (seconds on a loaded machine) must not eat the first pass (about 9 s at 4x).
        try (HeadlessChromium browser = new HeadlessChromium();
                Pipeline pipeline = new Pipeline(Path.of("..", "data"), "run000591/", "loop", Pacing.speed(4, 2000), true)) {
            DashboardPage page = new DashboardPage(browser);
            browser.driver().get(pipeline.dashboard.url());
            Set<String> runsShown = new TreeSet<>();
            boolean[] gapShown = {false};
            // Until the second pass is past its silence: windows 236.. of run loop-pass2.
            Poll.until(Duration.ofMinutes(3), Duration.ofMillis(250), () -> "second pass past the silence; runs shown " + runsShown, () -> {
                Map<?, ?> fresh = (Map<?, ?>) browser.js("return window.minidtPage.freshness()");
                if (fresh.get("delay_ms") == null) {
                    return false;
                }
                assertThat(((Number) fresh.get("delay_ms")).doubleValue()).as("delay").isGreaterThanOrEqualTo(0);
                assertThat(((Number) fresh.get("age_ms")).doubleValue()).as("age of the newest window").isGreaterThanOrEqualTo(0);
                // The run once, before its points: read again afterwards it may already be the next run's, with the points
                // still those of the one before (the page moves on between two reads).
                String run = page.trendRun();
                List<Double> x = page.trendStarts();
                assertThat(x).as("trend x of run %s", run).isSorted().doesNotHaveDuplicates();
                for (int i = 1; i < x.size(); i++) {
                    gapShown[0] |= x.get(i) - x.get(i - 1) > 100;
                }
                runsShown.add(run);
                return "loop-pass2".equals(run) && !x.isEmpty() && x.get(x.size() - 1) >= 236;
            });
            assertThat(gapShown[0]).as("the silence shows as a break in the trend").isTrue();
            assertThat(runsShown).contains("loop-pass1", "loop-pass2");
        }
    }
}
