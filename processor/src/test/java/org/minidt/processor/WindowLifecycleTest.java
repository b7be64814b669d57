package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minidt.common.Hit;
import org.minidt.common.PackedHit;
import org.minidt.common.RunInfo;
import org.minidt.common.WindowSummary;

/** The window lifecycle's rules, driven directly (no Kafka): closing, revisions, the horizon, silence, its serialized state. */
class WindowLifecycleTest {
    private static final ProcessorConfig CONFIG = ProcessorConfig.defaults("unused:9092", Path.of("unused"));
    private static final long START_ORBIT = 1_000_000;
    private static final RunInfo RUN = new RunInfo("run-l", 0, START_ORBIT);
    /** Orbits per second of detector time, rounded down. */
    private static final long ORBITS_PER_S = 11_223;

    @Test
    void aScintillatorHitArrivingAfterItsNeighbourWindowWasEmittedRevisesThatWindowWithTheHitMatched() {
        MapHost host = new MapHost();
        WindowLifecycle run = WindowLifecycle.start(CONFIG, RUN, 0);
        // Window 1 starts 1.2e9 ticks after the run start: in orbit START + 11,223 at BX 1228. A chamber hit 1 tick before
        // that; its t0 is a scintillator hit 31 ticks (26 ns) later, in window 1 (the time window allows t0 up to 100 ns
        // after the hit).
        long boundaryOrbit = START_ORBIT + ORBITS_PER_S;
        run.hit(PackedHit.of(new Hit(0, 5, boundaryOrbit, 1227, 29)));
        run.endFrame(1, host);
        run.progress(org.minidt.common.DaqTime.orbitStartTicks(START_ORBIT + 3 * ORBITS_PER_S), 2, host);
        assertThat(host.emitted).extracting(w -> w.window().index(), w -> w.window().revision(), w -> w.chambers().get(0).matchedHits())
                .containsExactly(tuple(0L, 0, 0L));

        run.hit(PackedHit.of(new Hit(1, 128, boundaryOrbit, 1229, 0)));
        run.endFrame(3, host);
        // Window 0 is revised at once (stream time is past its close); window 1, with the scintillator hit, is still open.
        assertThat(host.emitted.subList(1, host.emitted.size()))
                .extracting(w -> w.window().index(), w -> w.window().revision(), w -> w.chambers().get(0).matchedHits())
                .containsExactly(tuple(0L, 1, 1L));
    }

    @Test
    void windowsPastTheRevisionHorizonAreForgottenWithTheirHitsAndTheirHitsAreLate() {
        MapHost host = new MapHost();
        WindowLifecycle run = WindowLifecycle.start(CONFIG.withRevisionHorizonMs(2_000), RUN, 0);
        assertThat(run.hit(PackedHit.of(new Hit(0, 5, START_ORBIT + 10, 0, 0)))).isTrue();
        run.endFrame(1, host);
        // Window 0 closes at 2 s (end + grace) and stays revisable until 4 s of stream time.
        run.progress(org.minidt.common.DaqTime.orbitStartTicks(START_ORBIT + 3 * ORBITS_PER_S), 2, host);
        assertThat(host.chunks).isNotEmpty();
        assertThat(run.hit(PackedHit.of(new Hit(0, 6, START_ORBIT + 11, 0, 0)))).as("within the horizon").isTrue();
        run.endFrame(3, host);
        assertThat(host.emitted).extracting(w -> w.window().revision(), WindowSummary::totalHits).containsExactly(tuple(0, 1L), tuple(1, 2L));

        run.progress(org.minidt.common.DaqTime.orbitStartTicks(START_ORBIT + 5 * ORBITS_PER_S), 4, host);
        assertThat(host.chunks).as("hits of forgotten windows are deleted").isEmpty();
        assertThat(run.hit(PackedHit.of(new Hit(0, 7, START_ORBIT + 12, 0, 0)))).as("past the horizon").isFalse();
    }

    @Test
    void anEndedRunQuietForTheSourceSilenceDropsTheHitsKeptForRevisionsAndLaterWordsForItAreLate() {
        MapHost host = new MapHost();
        long silence = CONFIG.sourceSilenceMs();
        WindowLifecycle run = WindowLifecycle.start(CONFIG, RUN, 0);
        run.hit(PackedHit.of(new Hit(0, 5, START_ORBIT + 10, 0, 0)));
        run.hit(PackedHit.of(new Hit(0, 6, START_ORBIT + 2 * ORBITS_PER_S, 0, 0)));
        run.endFrame(1_000, host);
        run.endOfRun(Long.MIN_VALUE, 1_000, host);
        assertThat(host.emitted).extracting(w -> w.window().index()).containsExactly(0L, 1L);
        assertThat(host.chunks).as("kept for revisions").isNotEmpty();

        assertThat(run.settleEnded(1_000 + silence - 1, 0, host)).as("not quiet long enough").isFalse();
        assertThat(host.chunks).isNotEmpty();
        assertThat(run.settleEnded(1_000 + silence, 0, host)).isTrue();
        assertThat(host.chunks).as("hits of the ended run").isEmpty();
        assertThat(run.hit(PackedHit.of(new Hit(0, 7, START_ORBIT + 2 * ORBITS_PER_S + 1, 0, 0)))).as("a word for its last window").isFalse();
        assertThat(run.settleEnded(1_000 + 2 * silence, 0, host)).as("settled once").isFalse();
        assertThat(host.emitted).hasSize(2);
    }

    @Test
    void aRunWithoutEndOfRunKeepsItsHitsForRevisionsWhenQuiet() {
        MapHost host = new MapHost();
        WindowLifecycle run = WindowLifecycle.start(CONFIG, RUN, 0);
        run.hit(PackedHit.of(new Hit(0, 5, START_ORBIT + 10, 0, 0)));
        run.endFrame(1_000, host);
        run.progress(org.minidt.common.DaqTime.orbitStartTicks(START_ORBIT + 3 * ORBITS_PER_S), 1_000, host);
        assertThat(host.emitted).hasSize(1);
        // A paused or crashed source may come back: only END_OF_RUN makes a run final.
        assertThat(run.settleEnded(1_000 + 10 * CONFIG.sourceSilenceMs(), 0, host)).isFalse();
        assertThat(host.chunks).isNotEmpty();
    }

    @Test
    void silenceCountsFromTheLastRecordOrTheProcessorsStartWhicheverIsLater() {
        MapHost host = new MapHost();
        long silence = CONFIG.sourceSilenceMs();
        WindowLifecycle run = WindowLifecycle.start(CONFIG, RUN, 0);
        run.hit(PackedHit.of(new Hit(0, 5, START_ORBIT + 10, 0, 0)));
        run.endFrame(1_000, host);
        assertThat(run.checkSilence(1_000 + silence - 1, 0, host)).isFalse();
        // A processor started (or unstalled) at 20 s has not seen the source for that long: no close yet.
        assertThat(run.checkSilence(1_000 + silence, 20_000, host)).isFalse();
        assertThat(run.checkSilence(20_000 + silence, 20_000, host)).isTrue();
        assertThat(host.emitted).extracting(w -> w.window().closedBy()).containsExactly(WindowSummary.CLOSED_BY_SOURCE_SILENCE);
        assertThat(host.emitted).extracting(w -> w.window().closableMs()).containsExactly(20_000 + silence);
    }

    @Test
    void aLifecycleRestoredFromItsBytesContinuesExactlyAsTheUninterruptedOne() {
        MapHost straight = new MapHost();
        MapHost restored = new MapHost();
        WindowLifecycle a = WindowLifecycle.start(CONFIG, RUN, 0);
        WindowLifecycle b = WindowLifecycle.start(CONFIG, RUN, 0);
        for (int i = 0; i < 400; i++) {
            long orbit = START_ORBIT + i * 97L;
            for (WindowLifecycle l : List.of(a, b)) {
                l.hit(PackedHit.of(new Hit(i % 2, i % 2 == 1 && i % 5 == 0 ? 128 : i % 64, orbit, i % 3564, i % 30)));
                if (i % 7 == 0) {
                    l.otherWord(0);
                }
            }
            a.endFrame(i, straight);
            b.endFrame(i, restored);
            b = WindowLifecycle.fromBytes(CONFIG, b.toBytes());
        }
        a.endOfRun(Long.MIN_VALUE, 500, straight);
        b.endOfRun(Long.MIN_VALUE, 500, restored);
        assertThat(straight.emitted).hasSizeGreaterThan(2);
        assertThat(restored.emitted).usingRecursiveFieldByFieldElementComparatorIgnoringFields("window.emittedMs")
                .containsExactlyElementsOf(straight.emitted);
    }

    @Test
    void theStateIsWrittenInFormat2AsBeforeSoAChangelogWrittenByAnEarlierVersionStillRestores() throws Exception {
        MapHost host = new MapHost();
        WindowLifecycle l = WindowLifecycle.start(CONFIG, RUN, 0);
        for (int i = 0; i < 300; i++) {
            l.hit(PackedHit.of(new Hit(i % 2, i % 2 == 1 && i % 5 == 0 ? 128 : i % 64, START_ORBIT + i * 977L, i % 3564, i % 30)));
            if (i % 7 == 0) {
                l.otherWord(i % 6);
            }
            if (i % 50 == 49) {
                l.endFrame(i, host);
            }
        }
        byte[] bytes = l.toBytes();
        // SHA-256 of the bytes the DataOutputStream writer of format 2 (before 2026-12-07) wrote for this state.
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo("bd02dd9f1472761dc1b5e3d7be46336018c12850478b775edf064e8eb00e3531");
        assertThat(WindowLifecycle.fromBytes(CONFIG, bytes).toBytes()).isEqualTo(bytes);
    }

    /** The hit store as a map, and the emitted messages in order. */
    private static final class MapHost implements WindowLifecycle.Host {
        final Map<String, long[]> chunks = new HashMap<>();
        final List<WindowSummary> emitted = new ArrayList<>();

        @Override
        public void appendHits(String runId, long window, int chunk, long[] hits, int count) {
            chunks.put(runId + "/" + window + "/" + chunk, java.util.Arrays.copyOf(hits, count));
        }

        @Override
        public long[] readHits(String runId, long window, int chunkCount) {
            List<Long> all = new ArrayList<>();
            for (int c = 0; c < chunkCount; c++) {
                for (long h : chunks.get(runId + "/" + window + "/" + c)) {
                    all.add(h);
                }
            }
            return all.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public void deleteHits(String runId, long window, int chunkCount) {
            for (int c = 0; c < chunkCount; c++) {
                chunks.remove(runId + "/" + window + "/" + c);
            }
        }

        @Override
        public long wallClockMs() {
            return 0;
        }

        @Override
        public void emit(WindowSummary summary) {
            emitted.add(summary);
        }
    }
}
