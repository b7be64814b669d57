package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.minidt.common.DaqFormat;
import org.minidt.common.Histogram;
import org.minidt.common.RunInfo;
import org.minidt.common.WindowSummary;

/**
 * Every histogram and count of every window, on real data, equals the independent batch computation of
 * {@link ReferenceMonitor}, for both matching rules.
 */
class WindowProductsExactnessTest {
    private static final double[] OFFSETS = {93.9, 101.4, 95.5, 92.4};

    @Test
    void run591WithTimeWindowMatchingEqualsTheBatchComputation() {
        checkAgainstReference(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020, 1, 1000, Matching.TIME_WINDOW, 1000, false);
    }

    @Test
    void run591WithSameOrbitMatchingInTwoSecondWindowsEqualsTheBatchComputation() {
        checkAgainstReference(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020, 1, 2000, Matching.SAME_ORBIT, 4096, false);
    }

    /**
     * Rows shuffled within blocks of 500 (about 0.1 s of this run, well inside the 1 s grace): hits and the
     * scintillator hits they match arrive in any order, and the numbers do not change.
     */
    @Test
    void run591ShuffledWithinTheGraceEqualsTheBatchComputation() {
        checkAgainstReference(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020, 1, 1000, Matching.TIME_WINDOW, 700, true);
    }

    @Test
    void courseSampleWithTimeWindowMatchingEqualsTheBatchComputation() {
        checkAgainstReference(DaqFiles.COURSE_SAMPLE, DaqFormat.COURSE, 2, 1000, Matching.TIME_WINDOW, 7, false);
    }

    @Test
    void courseSampleWithSameOrbitMatchingOneLinePerFrameEqualsTheBatchComputation() {
        checkAgainstReference(DaqFiles.COURSE_SAMPLE, DaqFormat.COURSE, 2, 1000, Matching.SAME_ORBIT, 1, false);
    }

    private static void checkAgainstReference(Path file, DaqFormat format, int hitHead, long windowMs, Matching matching,
                                              int linesPerFrame, boolean shuffled) {
        List<String> rows = shuffled ? shuffledInBlocks(DaqFiles.rows(file), 500) : DaqFiles.rows(file);
        List<String> lines = rows.stream().map(format::toCourseLine).toList();
        RunInfo run = DaqFiles.run("run-exact", lines, MonitorDriver.START.toEpochMilli());
        UnaryOperator<ProcessorConfig> settings = c -> c.withWindow(windowMs, 1000, 1000).withMatching(matching, -100, 500);
        List<WindowSummary> emitted;
        try (MonitorDriver driver = new MonitorDriver(settings)) {
            driver.pipe(DaqFiles.frames(run, file.getFileName().toString(), lines, linesPerFrame));
            emitted = driver.results();
            driver.advanceWallClock(Duration.ofSeconds(30));
            emitted = concat(emitted, driver.results());
        }
        Map<Long, ReferenceMonitor.Expected> expected = new ReferenceMonitor(hitHead, run.startOrbit(), windowMs,
                matching == Matching.SAME_ORBIT, OFFSETS, -100, 10, 80).compute(rows);

        assertThat(emitted.stream().map(w -> w.window().index()).toList())
                .as("each window emitted once, in order").containsExactlyElementsOf(expected.keySet());
        long matched = 0;
        for (WindowSummary w : emitted) {
            assertWindowEquals(w, expected.get(w.window().index()), windowMs, matching, run);
            matched += w.chambers().stream().mapToLong(WindowSummary.ChamberSummary::matchedHits).sum();
        }
        assertThat(emitted.stream().mapToLong(w -> w.accounting().wordsRead()).sum()).as("every row read once").isEqualTo(lines.size());
        if (file.equals(DaqFiles.RUN_591)) {
            assertThat(matched).as("the real run has muons to match").isGreaterThan(500);
        }
    }

    private static void assertWindowEquals(WindowSummary w, ReferenceMonitor.Expected e, long windowMs, Matching matching, RunInfo run) {
        String at = "window " + e.index + ": ";
        assertThat(w.run()).isEqualTo(run.runId());
        assertThat(w.window().sizeMs()).isEqualTo(windowMs);
        assertThat(w.window().wallStartMs()).isEqualTo(run.startEpochMs() + e.index * windowMs);
        assertThat(w.window().runStartMs()).isEqualTo(run.startEpochMs());
        assertThat(w.window().sinceRunStartMs()).as(at + "detector time since the run start").isEqualTo(e.index * windowMs);
        long startNs = (run.startOrbit() * 3564 * 25) + e.index * windowMs * 1_000_000;
        assertThat(w.window().detectorStartNs()).as(at + "detector start").isEqualTo(startNs);
        assertThat(w.totalHits()).as(at + "total hits").isEqualTo(e.totalHits);
        assertThat(w.accounting().wordsRead()).as(at + "words read").isEqualTo(e.wordsRead);
        assertThat(w.accounting().droppedByHead()).as(at + "dropped by head").isEqualTo(e.droppedByHead);
        assertThat(w.accounting().nonChamberHits()).as(at + "non-chamber hits").isEqualTo(e.nonChamberHits);
        assertThat(w.accounting().chamberHits()).as(at + "chamber hits").isEqualTo(e.totalHits - e.nonChamberHits);
        assertThat(w.accounting().lateWords()).as(at + "late").isZero();
        assertThat(w.accounting().malformedWords()).as(at + "malformed").isZero();
        assertThat(w.scintillator().hits()).as(at + "scintillator hits").isEqualTo(e.scintillatorHits);
        assertThat(w.scintillator().orbits()).as(at + "scintillator orbits").isEqualTo(e.scintillatorOrbits.size());
        assertThat(w.settings().matching()).isEqualTo(matching.id());
        assertThat(w.chambers()).hasSize(4);
        for (int c = 0; c < 4; c++) {
            WindowSummary.ChamberSummary ch = w.chambers().get(c);
            String cat = at + "chamber " + c + " ";
            int first = c % 2 == 0 ? 0 : 64;
            assertThat(ch.chamber()).isEqualTo(c);
            assertThat(ch.fpga()).isEqualTo(c / 2);
            assertThat(ch.firstChannel()).isEqualTo(first);
            assertThat(ch.hits()).as(cat + "hits").isEqualTo(e.hits[c]);
            assertThat(ch.matchedHits()).as(cat + "matched hits").isEqualTo(e.matchedHits[c]);
            assertHistogram(ch.occupancy(), steps(first, 1, 64), e.occupancy[c], 0, 0, cat + "occupancy");
            assertHistogram(ch.matchedOccupancy(), steps(first, 1, 64), e.matchedOccupancy[c], 0, 0, cat + "matched occupancy");
            assertHistogram(ch.activeChannelsPerOrbit(), steps(1, 1, 64), e.activeChannels[c], 0, 0, cat + "active channels per orbit");
            assertHistogram(ch.driftTimeNs(), steps(-100, 10, 80), e.drift[c], e.driftUnder[c], e.driftOver[c], cat + "drift time");
        }
    }

    private static void assertHistogram(Histogram h, double[] edges, long[] counts, long under, long over, String what) {
        assertThat(h.binEdges()).as(what + " edges").containsExactly(edges);
        assertThat(h.binCounts()).as(what + " counts").containsExactly(counts);
        assertThat(h.underflow()).as(what + " underflow").isEqualTo(under);
        assertThat(h.overflow()).as(what + " overflow").isEqualTo(over);
    }

    /** bins + 1 edges from {@code from} in steps of {@code width}. */
    private static double[] steps(double from, double width, int bins) {
        return IntStream.rangeClosed(0, bins).mapToDouble(i -> from + i * width).toArray();
    }

    private static List<String> shuffledInBlocks(List<String> rows, int block) {
        List<String> shuffled = new ArrayList<>();
        Random random = new Random(591);
        for (int from = 0; from < rows.size(); from += block) {
            List<String> part = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + block)));
            Collections.shuffle(part, random);
            shuffled.addAll(part);
        }
        return shuffled;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
    }
}
