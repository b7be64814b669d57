package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.minidt.common.DaqFormat;
import org.minidt.common.Histogram;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.SourceMarker;
import org.minidt.common.WindowSummary;

/**
 * Every histogram and count of every window, on real data, equals the independent batch computation of
 * {@link ReferenceMonitor}, for both matching rules.
 */
class WindowProductsExactnessTest {
    private static final double[] OFFSETS = {93.9, 101.4, 95.5, 92.4};

    @Test
    void hitsInDaqOrderFarOutOfOrderOrReversedAreSortedAsArraysSortSortsThem() {
        Random random = new Random(591);
        long[] almost = new long[20_000];
        for (int i = 0; i < almost.length; i++) {
            // time order with a few hits a few places late, as the DAQ writes them, and equal times
            almost[i] = i / 2 * 100L + (random.nextInt(10) == 0 ? -random.nextInt(3_000) : 0);
        }
        long[] shuffled = random.longs(20_000, -1_000, 1_000).toArray();
        long[] reversed = IntStream.range(0, 20_000).mapToLong(i -> 20_000 - i).toArray();
        long[] lateChunk = LongStream.concat(LongStream.range(1_000, 21_000), LongStream.range(0, 1_000)).toArray();
        for (long[] hits : List.of(almost, shuffled, reversed, lateChunk, new long[0], new long[] {7})) {
            long[] expected = hits.clone();
            Arrays.sort(expected);
            WindowProducts.sortAlmostInOrder(hits);
            assertThat(hits).containsExactly(expected);
        }
    }

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

    /**
     * The emulator sends packed frames (hits parsed once, other lines escaped): the same real run as packed frames and as
     * text frames gives byte-identical window messages, and they equal the batch computation.
     */
    @Test
    void run591AsPackedFramesGivesTheSameWindowMessagesAsTextFrames() {
        List<String> rows = DaqFiles.rows(DaqFiles.RUN_591);
        List<String> lines = rows.stream().map(DaqFormat.FIRMWARE_2020::toCourseLine).toList();
        RunInfo run = DaqFiles.run("run-packed", lines, MonitorDriver.START.toEpochMilli());
        List<String> text = messagesOf(DaqFiles.frames(run, "run000591", lines, 4096, RawFrame.Encoding.TEXT));
        List<String> packed = messagesOf(DaqFiles.frames(run, "run000591", lines, 4096, RawFrame.Encoding.PACKED));
        assertThat(packed).hasSize(33).isEqualTo(text);
        assertEqualsReference(packed.stream().map(m -> MonitorDriver.parse(m.getBytes(StandardCharsets.UTF_8))).toList(), rows,
                lines.size(), 1, run, 1000, Matching.TIME_WINDOW);
    }

    /** The window messages (JSON) of a processor fed {@code frames}, its source then silent past the timeout. */
    private static List<String> messagesOf(List<RawFrame> frames) {
        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(frames);
            driver.advanceWallClock(Duration.ofSeconds(31));
            return driver.resultJson().stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
        }
    }

    private static void checkAgainstReference(Path file, DaqFormat format, int hitHead, long windowMs, Matching matching,
                                              int linesPerFrame, boolean shuffled) {
        List<String> rows = shuffled ? shuffledInBlocks(DaqFiles.rows(file), 500) : DaqFiles.rows(file);
        List<String> lines = rows.stream().map(format::toCourseLine).toList();
        RunInfo run = DaqFiles.run("run-exact", lines, MonitorDriver.START.toEpochMilli());
        UnaryOperator<ProcessorConfig> settings = c -> c.withWindowMs(windowMs).withMatching(matching);
        List<WindowSummary> emitted;
        try (MonitorDriver driver = new MonitorDriver(settings)) {
            driver.pipe(DaqFiles.frames(run, file.getFileName().toString(), lines, linesPerFrame));
            emitted = driver.results();
            driver.advanceWallClock(Duration.ofSeconds(31));
            emitted = concat(emitted, driver.results());
        }
        assertThat(emitted).as("no window revised").allMatch(w -> w.window().revision() == 0);
        assertEqualsReference(emitted, rows, lines.size(), hitHead, run, windowMs, matching);
    }

    /**
     * A source that pauses mid-run for a minute, saying every second how far it got (as the emulator does while
     * paused or waiting): no window is cut short, none revised, nothing late.
     */
    @Test
    void aPausedSourceSendingProgressTruncatesNoWindow() {
        List<String> lines = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        RunInfo run = DaqFiles.run("run-paused", lines, MonitorDriver.START.toEpochMilli());
        List<RawFrame> frames = DaqFiles.frames(run, "run000591", lines, 500);
        int half = frames.size() / 3;
        List<WindowSummary> emitted = new ArrayList<>();
        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(frames.subList(0, half));
            long sentTicks = newestTicks(frames.subList(0, half));
            for (int s = 0; s < 60; s++) {
                driver.pipe(new SourceMarker(run, "run000591", SourceMarker.Kind.PROGRESS, sentTicks));
                driver.advanceWallClock(Duration.ofSeconds(1));
            }
            driver.pipe(frames.subList(half, frames.size()));
            driver.pipe(new SourceMarker(run, "run000591", SourceMarker.Kind.END_OF_RUN, newestTicks(frames)));
            emitted.addAll(driver.results());
            assertThat(driver.metric(MonitorMetrics.LATE_WORDS_TOTAL)).isZero();
        }
        assertThat(emitted).as("no window revised: none was cut short").allMatch(w -> w.window().revision() == 0);
        assertThat(emitted.get(emitted.size() - 1).window().lastInRun()).isTrue();
        assertEqualsReference(emitted, DaqFiles.rows(DaqFiles.RUN_591), lines.size(), 1, run, 1000, Matching.TIME_WINDOW);
    }

    /**
     * A source that goes silent (no progress either) past the timeout mid-run: the open windows close cut short, and
     * when its words come after all, each cut window is revised to exactly the numbers of the whole run.
     */
    @Test
    void wordsAfterASourceSilenceCloseReviseTheWindowsToTheReference() {
        List<String> lines = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        RunInfo run = DaqFiles.run("run-silent", lines, MonitorDriver.START.toEpochMilli());
        List<RawFrame> frames = DaqFiles.frames(run, "run000591", lines, 500);
        int cut = frames.size() / 3;
        List<WindowSummary> emitted = new ArrayList<>();
        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(frames.subList(0, cut));
            driver.advanceWallClock(Duration.ofSeconds(31));
            List<WindowSummary> cutShort = driver.results();
            assertThat(cutShort).extracting(w -> w.window().closedBy()).contains(WindowSummary.CLOSED_BY_SOURCE_SILENCE);
            emitted.addAll(cutShort);
            driver.pipe(frames.subList(cut, frames.size()));
            driver.pipe(new SourceMarker(run, "run000591", SourceMarker.Kind.END_OF_RUN, newestTicks(frames)));
            emitted.addAll(driver.results());
            assertThat(driver.metric(MonitorMetrics.LATE_WORDS_TOTAL)).isZero();
        }
        assertThat(emitted).as("revised windows").anyMatch(w -> w.window().revision() == 1);
        assertEqualsReference(finalRevisions(emitted), DaqFiles.rows(DaqFiles.RUN_591), lines.size(), 1, run, 1000, Matching.TIME_WINDOW);
    }

    /** END_OF_RUN closes every open window at once, with no wall-clock wait, and marks the newest as the run's last. */
    @Test
    void endOfRunClosesEveryOpenWindowAtOnce() {
        List<String> lines = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        RunInfo run = DaqFiles.run("run-ended", lines, MonitorDriver.START.toEpochMilli());
        List<RawFrame> frames = DaqFiles.frames(run, "run000591", lines, 1000);
        List<WindowSummary> emitted;
        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(frames);
            int byStreamTime = driver.results().size();
            driver.pipe(new SourceMarker(run, "run000591", SourceMarker.Kind.END_OF_RUN, newestTicks(frames)));
            List<WindowSummary> atEnd = driver.results();
            assertThat(atEnd).as("the windows stream time had not closed").hasSizeGreaterThan(0)
                    .allMatch(w -> w.window().closedBy().equals(WindowSummary.CLOSED_BY_END_OF_RUN));
            assertThat(atEnd).extracting(w -> w.window().lastInRun()).containsOnly(false, true).last().isEqualTo(true);
            assertThat(byStreamTime + atEnd.size()).isEqualTo(33);
        }
    }

    private static long newestTicks(List<RawFrame> frames) {
        long[] newest = {Long.MIN_VALUE};
        for (RawFrame f : frames) {
            f.forEachLine((buf, from, to, line) -> {
                String[] x = new String(buf, from, to - from, java.nio.charset.StandardCharsets.US_ASCII).split(",");
                if (x[0].equals("2")) {
                    newest[0] = Math.max(newest[0], org.minidt.common.DaqTime.ticks(Long.parseLong(x[3]), Integer.parseInt(x[4]),
                            Integer.parseInt(x[5])));
                }
            });
        }
        return newest[0];
    }

    /** The newest revision of each window, in index order: what a reader that replaces revisions ends up with. */
    static List<WindowSummary> finalRevisions(List<WindowSummary> emitted) {
        Map<String, WindowSummary> last = new java.util.TreeMap<>();
        emitted.forEach(w -> last.merge(w.run() + "/" + String.format("%08d", w.window().index()), w,
                (a, b) -> b.window().revision() > a.window().revision() ? b : a));
        return List.copyOf(last.values());
    }

    private static void assertEqualsReference(List<WindowSummary> emitted, List<String> rows, long lineCount, int hitHead, RunInfo run,
                                              long windowMs, Matching matching) {
        Map<Long, ReferenceMonitor.Expected> expected = new ReferenceMonitor(hitHead, run.startOrbit(), windowMs,
                matching == Matching.SAME_ORBIT, OFFSETS, -100, 10, 80).compute(rows);
        assertThat(emitted.stream().map(w -> w.window().index()).toList())
                .as("each window emitted once, in order").containsExactlyElementsOf(expected.keySet());
        long matched = 0;
        for (WindowSummary w : emitted) {
            assertWindowEquals(w, expected.get(w.window().index()), windowMs, matching, run);
            matched += w.chambers().stream().mapToLong(WindowSummary.ChamberSummary::matchedHits).sum();
        }
        assertThat(emitted.stream().mapToLong(w -> w.accounting().wordsRead()).sum()).as("every row read once").isEqualTo(lineCount);
        if (rows.size() > 1000) {
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
