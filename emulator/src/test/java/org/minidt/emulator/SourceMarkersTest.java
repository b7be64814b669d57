package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqTime;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.SourceMarker;
import org.minidt.embedded.EmbeddedKafka;

/** The emulator speaks for its runs on minidt.raw-hits: PROGRESS at a fixed interval, END_OF_RUN after a run's last frame. */
class SourceMarkersTest {
    static final Path COURSE_SAMPLE = Path.of("..", "data", "course-sample", "data_000000.txt");
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private static EmulatorConfig config(String id, Pacing pacing, boolean loop, long progressIntervalMs) {
        return EmulatorConfig.of(kafka.bootstrapServers(), id, new EmulatorSource.LocalFiles(List.of(COURSE_SAMPLE)), DaqFormat.COURSE,
                        pacing, id)
                .withRuns(new EmulatorConfig.Runs(id, loop, false))
                .withSending(new EmulatorConfig.Sending(20, 100, progressIntervalMs, EmulatorConfig.Sending.DEFAULT_MAX_LINE_BYTES));
    }

    /** Hit time of a line, computed with the parser (an independent reading of the lines on the topic), or null. */
    static Long hitTicks(String line) {
        try {
            DaqWord w = DaqWordParser.parse(line);
            return w.isHit() ? w.toHit().ticks() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Each marker of the run with the newest hit time of the lines before it (the run's first orbit if none). */
    record MarkerAfter(SourceMarker marker, long newestHitBefore) {
    }

    static List<MarkerAfter> markers(List<RawHitsTopic.Entry> entries) {
        List<MarkerAfter> out = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        for (RawHitsTopic.Entry e : entries) {
            if (e.marker() != null) {
                long floor = DaqTime.orbitStartTicks(e.marker().run().startOrbit());
                out.add(new MarkerAfter(e.marker(), Math.max(newest, floor)));
            }
            for (RawHitsTopic.Line l : e.lines()) {
                Long t = hitTicks(l.text());
                if (t != null) {
                    newest = Math.max(newest, t);
                }
            }
        }
        return out;
    }

    private static boolean endsWithEndOfRun(List<RawHitsTopic.Entry> entries) {
        if (entries.isEmpty()) {
            return false;
        }
        SourceMarker last = entries.get(entries.size() - 1).marker();
        return last != null && last.kind() == SourceMarker.Kind.END_OF_RUN;
    }

    @Test
    void eachLoopPassEndsWithEndOfRunAfterItsLastFrameAndProgressVouchesForTheNewestHitSent() throws Exception {
        RunningEmulator running = RunningEmulator.start(config("markers-loop", Pacing.rate(100), true, 50));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<RawHitsTopic.Entry> pass2 = List.of();
        // Until the second pass has ended: its last entry is END_OF_RUN (a PROGRESS marker can be last while it is still sending).
        while (!endsWithEndOfRun(pass2) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            pass2 = RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "markers-loop-pass2");
        }
        running.stopAndWait();
        long newestHitInFile = EmulatorReplayTest.expectedLines(COURSE_SAMPLE, DaqFormat.COURSE).stream()
                .map(l -> hitTicks(l.substring(l.indexOf(':') + 1))).filter(t -> t != null).mapToLong(Long::longValue).max().orElseThrow();

        for (String run : List.of("markers-loop-pass1", "markers-loop-pass2")) {
            List<RawHitsTopic.Entry> entries = RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), run);
            List<MarkerAfter> markers = markers(entries);
            assertThat(entries.get(0).marker().kind()).as(run).isEqualTo(SourceMarker.Kind.PROGRESS);
            SourceMarker last = entries.get(entries.size() - 1).marker();
            assertThat(last.kind()).as(run).isEqualTo(SourceMarker.Kind.END_OF_RUN);
            assertThat(last.sourceTicks()).as(run).isEqualTo(newestHitInFile);
            assertThat(markers.stream().filter(m -> m.marker().kind() == SourceMarker.Kind.END_OF_RUN)).as(run).hasSize(1);
            // 74 words at 100 words/s take 0.74 s: PROGRESS every 50 ms (fewer if the pacer catches up after a stall),
            // each vouching exactly for the newest hit sent before it.
            List<MarkerAfter> progress = markers.stream().filter(m -> m.marker().kind() == SourceMarker.Kind.PROGRESS).toList();
            assertThat(progress.size()).as(run).isGreaterThanOrEqualTo(2);
            assertThat(progress).as(run).allSatisfy(m -> assertThat(m.marker().sourceTicks()).isEqualTo(m.newestHitBefore()));
            assertThat(entries.stream().flatMap(e -> e.lines().stream())).as(run).hasSize(74);
        }
    }

    @Test
    void progressKeepsComingWhileTheSourceWaitsForThePacer() throws Exception {
        RunningEmulator running = RunningEmulator.start(config("markers-slow", Pacing.rate(2), false, 100));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running.emulator().wordsSent() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(2_500);
        running.stopAndWait();

        List<RawHitsTopic.Entry> entries = RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "markers-slow");
        List<MarkerAfter> markers = markers(entries);
        long lines = entries.stream().mapToLong(e -> e.lines().size()).sum();
        assertThat(lines).isBetween(1L, 8L);
        // One PROGRESS per 100 ms while the words wait about 500 ms each; no END_OF_RUN: the run was stopped, not finished.
        assertThat(markers).allSatisfy(m -> assertThat(m.marker().kind()).isEqualTo(SourceMarker.Kind.PROGRESS));
        assertThat(markers.size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void speedPacingVouchesForThePacedDetectorClockAndNeverPastAWordStillToCome() throws Exception {
        // The course sample's hits span 10.3 ms of detector time: 1.03 s at speed 0.01.
        new Emulator(config("markers-speed", Pacing.speed(0.01), false, 20)).run(() -> false);

        List<RawHitsTopic.Entry> entries = RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "markers-speed");
        List<MarkerAfter> markers = markers(entries);
        List<Long> hitsInOrder = entries.stream().flatMap(e -> e.lines().stream()).map(l -> hitTicks(l.text())).filter(t -> t != null).toList();
        // While a hit waits for the paced clock, PROGRESS vouches for the clock, ahead of the newest hit sent...
        assertThat(markers.stream().filter(m -> m.marker().sourceTicks() > m.newestHitBefore()).count()).isGreaterThanOrEqualTo(10);
        // ...but never past the hit it waits for: the next hit (in the order read) newer than every hit sent before it.
        // (Older hits read later, from the other FPGA, are behind the clock in any pacing and go at once.)
        int hitIndex = 0;
        for (RawHitsTopic.Entry e : entries) {
            if (e.marker() == null) {
                hitIndex += (int) e.lines().stream().filter(l -> hitTicks(l.text()) != null).count();
                continue;
            }
            MarkerAfter m = markers.stream().filter(x -> x.marker() == e.marker()).findFirst().orElseThrow();
            hitsInOrder.subList(hitIndex, hitsInOrder.size()).stream().filter(t -> t > m.newestHitBefore()).findFirst()
                    .ifPresent(waited -> assertThat(waited).as("the hit waited for").isGreaterThan(m.marker().sourceTicks()));
        }
    }
}
