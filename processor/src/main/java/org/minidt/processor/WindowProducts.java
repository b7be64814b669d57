package org.minidt.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.DaqTime;
import org.minidt.common.DaqWord;
import org.minidt.common.Histogram;
import org.minidt.common.PackedHit;
import org.minidt.common.RunInfo;
import org.minidt.common.WindowSummary;

/**
 * Computes every per-window product from the window's hits once it closes: per chamber hit count,
 * occupancy, distinct active channels per orbit, scintillator-matched occupancy and drift time; the
 * scintillator hits and orbits; and the accounting.
 *
 * <p>Definitions: products count the hits of this window. Active channels per orbit groups this window's
 * hits of a chamber by ORBIT_CNT (an orbit cut by the window edge counts in both windows with its own
 * hits). A chamber hit is matched when {@link ScintillatorTimes.T0Finder} finds a t0 (which may lie in a
 * neighbouring window); its drift time is t_hit - t0 + offset[chamber].
 */
final class WindowProducts {
    private static final int CHAMBERS = Chamber.values().length;
    private static final Binning ACTIVE_CHANNELS = Binning.integers(1, Chamber.CELLS + 1);

    private final ProcessorConfig config;
    private final long[] hits = new long[CHAMBERS];
    private final long[] matchedHits = new long[CHAMBERS];
    private final long[][] occupancy = new long[CHAMBERS][Chamber.CELLS];
    private final long[][] matchedOccupancy = new long[CHAMBERS][Chamber.CELLS];
    private final long[][] activeChannels = new long[CHAMBERS][ACTIVE_CHANNELS.bins()];
    private final long[][] drift;
    /** The configured offsets unboxed: added to every matched hit. */
    private final double[] driftOffsetsNs;
    private final long[] driftUnderflow = new long[CHAMBERS];
    private final long[] driftOverflow = new long[CHAMBERS];
    private long nonChamberHits;
    private long scintillatorHits;
    private long scintillatorOrbits;

    private WindowProducts(ProcessorConfig config) {
        this.config = config;
        this.drift = new long[CHAMBERS][config.driftBinning().bins()];
        this.driftOffsetsNs = config.driftOffsetsNs().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The summary of a closed window from its packed hits (sorted here in place) and counts. */
    static WindowSummary summarize(ProcessorConfig config, RunInfo run, WindowLifecycle.Window counts, long[] packedHits,
                                   ScintillatorTimes scintillator, String closedBy, long closableMs, long emittedMs) {
        WindowProducts p = new WindowProducts(config);
        sortAlmostInOrder(packedHits);
        p.count(packedHits, scintillator);
        return p.toSummary(run, counts, packedHits.length, closedBy, closableMs, emittedMs);
    }

    /**
     * Sorts hits that come almost in time order, as the DAQ writes them (Run000591: 0.26 places a hit out of order on
     * average, 29 at most), by insertion: one comparison a hit in order, instead of the general sort's partitioning. Past
     * a budget of moves (hits far out of order, e.g. a revision's late chunk) it leaves the rest to {@link Arrays#sort}.
     */
    static void sortAlmostInOrder(long[] hits) {
        long movesLeft = 4L * hits.length + 64;
        for (int i = 1; i < hits.length; i++) {
            long hit = hits[i];
            int j = i - 1;
            if (hits[j] <= hit) {
                continue;
            }
            while (j >= 0 && hits[j] > hit) {
                hits[j + 1] = hits[j];
                j--;
            }
            hits[j + 1] = hit;
            movesLeft -= i - j - 1;
            if (movesLeft < 0) {
                Arrays.sort(hits);
                return;
            }
        }
    }

    /** One pass over the hits in time order; an orbit's channel sets are complete when the next orbit starts. */
    private void count(long[] sorted, ScintillatorTimes scintillator) {
        ScintillatorTimes.T0Finder t0Finder = scintillator.t0Finder(config);
        long[] channelsInOrbit = new long[CHAMBERS];
        int chambersInOrbit = 0;
        long orbit = WindowLifecycle.NONE;
        // The hits come in time order: a hit at or after this tick starts a new orbit (no division per hit).
        long orbitEndTicks = Long.MIN_VALUE;
        long lastScintillatorOrbit = WindowLifecycle.NONE;
        for (long packed : sorted) {
            long ticks = PackedHit.ticks(packed);
            if (ticks >= orbitEndTicks) {
                addActiveChannels(channelsInOrbit, chambersInOrbit);
                chambersInOrbit = 0;
                orbit = DaqTime.orbitOf(ticks);
                orbitEndTicks = DaqTime.orbitStartTicks(orbit + 1);
            }
            int fpga = PackedHit.fpga(packed);
            int channel = PackedHit.channel(packed);
            int c = Chamber.indexOf(fpga, channel);
            if (c < 0) {
                nonChamberHits++;
                if (Chamber.isScintillator(fpga, channel)) {
                    scintillatorHits++;
                    if (orbit != lastScintillatorOrbit) {
                        scintillatorOrbits++;
                        lastScintillatorOrbit = orbit;
                    }
                }
                continue;
            }
            int cell = channel - Chamber.byIndex(c).firstChannel();
            hits[c]++;
            occupancy[c][cell]++;
            channelsInOrbit[c] |= 1L << cell;
            chambersInOrbit |= 1 << c;
            long t0 = t0Finder.t0Of(ticks);
            if (t0 != ScintillatorTimes.NO_MATCH) {
                matchedHits[c]++;
                matchedOccupancy[c][cell]++;
                addDriftTime(c, DaqTime.ticksToNs(ticks - t0) + driftOffsetsNs[c]);
            }
        }
        addActiveChannels(channelsInOrbit, chambersInOrbit);
    }

    /**
     * Counts an orbit's distinct channels for the chambers with hits in it (bit c of {@code chambers}): most orbits have
     * one hit, so visiting only those chambers spares three unpredictable branches per hit.
     */
    private void addActiveChannels(long[] channelsInOrbit, int chambers) {
        for (int left = chambers; left != 0; left &= left - 1) {
            int c = Integer.numberOfTrailingZeros(left);
            activeChannels[c][Long.bitCount(channelsInOrbit[c]) - 1]++;
            channelsInOrbit[c] = 0;
        }
    }

    private void addDriftTime(int chamber, double ns) {
        int bin = config.driftBinning().indexOf(ns);
        if (bin == Binning.UNDERFLOW) {
            driftUnderflow[chamber]++;
        } else if (bin == Binning.OVERFLOW) {
            driftOverflow[chamber]++;
        } else {
            drift[chamber][bin]++;
        }
    }

    private WindowSummary toSummary(RunInfo run, WindowLifecycle.Window counts, long totalHits, String closedBy, long closableMs,
                                    long emittedMs) {
        long windowTicks = config.windowTicks();
        long startTicks = run.startTicks() + counts.index * windowTicks;
        List<WindowSummary.ChamberSummary> chambers = new ArrayList<>();
        long chamberHits = 0;
        for (Chamber ch : Chamber.values()) {
            int c = ch.index();
            Binning channels = Binning.integers(ch.firstChannel(), ch.firstChannel() + Chamber.CELLS);
            chambers.add(new WindowSummary.ChamberSummary(c, ch.fpga(), ch.firstChannel(), hits[c], matchedHits[c],
                    Histogram.of(channels, occupancy[c], 0, 0), Histogram.of(ACTIVE_CHANNELS, activeChannels[c], 0, 0),
                    Histogram.of(channels, matchedOccupancy[c], 0, 0),
                    Histogram.of(config.driftBinning(), drift[c], driftUnderflow[c], driftOverflow[c])));
            chamberHits += hits[c];
        }
        Map<String, Long> dropped = new LinkedHashMap<>();
        long droppedTotal = 0;
        for (int head = 0; head < counts.droppedByHead.length; head++) {
            if (head != DaqWord.HIT_HEAD) {
                dropped.put(Integer.toString(head), counts.droppedByHead[head]);
                droppedTotal += counts.droppedByHead[head];
            }
        }
        long wordsRead = totalHits + droppedTotal + counts.lateWords + counts.malformedWords;
        return new WindowSummary(WindowSummary.SCHEMA_VERSION, run.runId(),
                new WindowSummary.Window(counts.index, config.windowMs(), DaqTime.ticksToWholeNs(startTicks),
                        DaqTime.ticksToWholeNs(startTicks + windowTicks), run.startEpochMs(), counts.index * config.windowMs(),
                        run.startEpochMs() + counts.index * config.windowMs(),
                        run.startEpochMs() + (counts.index + 1) * config.windowMs(), closableMs, emittedMs, closedBy, counts.revision,
                        counts.lastInRun),
                totalHits, chambers, new WindowSummary.Scintillator(scintillatorHits, scintillatorOrbits),
                new WindowSummary.Accounting(wordsRead, dropped, chamberHits, nonChamberHits, counts.lateWords, counts.malformedWords),
                new WindowSummary.Settings(config.graceMs(), config.matching().id(), config.matchWindowStartNs(),
                        config.matchWindowEndNs(), config.driftOffsetsNs()));
    }
}
