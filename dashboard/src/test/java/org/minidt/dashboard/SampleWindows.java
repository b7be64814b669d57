package org.minidt.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.Histogram;
import org.minidt.common.WindowSummary;

/**
 * Window summaries shaped like the processor's (schema 2, real binnings): per-cell occupancies scattered
 * around a mean, a matched share, a multiplicity spectrum and a drift-time box. Seeded, so reproducible.
 */
public final class SampleWindows {
    public static final Binning DRIFT_BINNING = new Binning(-100, 500, 60);
    public static final Binning ACTIVE_BINNING = Binning.integers(1, Chamber.CELLS + 1);

    private SampleWindows() {
    }

    /** A window of {@code run} with about {@code hitsPerCell} hits per cell; chambers in {@code dead} have none. */
    public static WindowSummary window(String run, long runStartMs, long index, int hitsPerCell, Set<Integer> dead) {
        Random random = new Random(31 * index + run.hashCode());
        List<WindowSummary.ChamberSummary> chambers = new ArrayList<>();
        long chamberHitsTotal = 0;
        for (Chamber c : Chamber.values()) {
            boolean isDead = dead.contains(c.index());
            long[] occupancy = new long[Chamber.CELLS];
            long[] matched = new long[Chamber.CELLS];
            for (int i = 0; i < Chamber.CELLS; i++) {
                occupancy[i] = isDead ? 0 : Math.max(1, Math.round(hitsPerCell * (0.6 + 0.8 * random.nextDouble())));
                matched[i] = occupancy[i] * (30 + random.nextInt(20)) / 100;
            }
            long hits = sum(occupancy);
            long matchedHits = sum(matched);
            chamberHitsTotal += hits;
            long[] active = new long[ACTIVE_BINNING.bins()];
            long orbits = hits / 3;
            for (int k = 0; k < 8 && orbits > 0; k++) {
                long n = k == 7 ? orbits : Math.max(0, orbits * (8 - k) / 30);
                active[k] += n;
                orbits -= n;
            }
            long[] drift = new long[DRIFT_BINNING.bins()];
            spreadDriftTimes(matchedHits, drift, random);
            Binning cells = Binning.integers(c.firstChannel(), c.firstChannel() + Chamber.CELLS);
            chambers.add(new WindowSummary.ChamberSummary(c.index(), c.fpga(), c.firstChannel(), hits, matchedHits,
                    Histogram.of(cells, occupancy, 0, 0), Histogram.of(ACTIVE_BINNING, active, 0, 0),
                    Histogram.of(cells, matched, 0, 0), Histogram.of(DRIFT_BINNING, drift, 0, matchedHits / 50)));
        }
        long scintillatorHits = chamberHitsTotal / 40 + 1;
        long totalHits = chamberHitsTotal + scintillatorHits;
        long dropped = 12 + index % 5;
        long sizeMs = 1000;
        long now = System.currentTimeMillis();
        return new WindowSummary(WindowSummary.SCHEMA_VERSION, run,
                new WindowSummary.Window(index, sizeMs, 1_000_000_000L * index, 1_000_000_000L * (index + 1),
                        runStartMs, index * sizeMs, runStartMs + index * sizeMs, runStartMs + (index + 1) * sizeMs, now, now, WindowSummary.CLOSED_BY_STREAM_TIME,
                        0, false),
                totalHits, chambers, new WindowSummary.Scintillator(scintillatorHits, scintillatorHits - 1),
                new WindowSummary.Accounting(totalHits + dropped + 2, Map.of("0", dropped), chamberHitsTotal, scintillatorHits, 1, 1),
                new WindowSummary.Settings(1000, "time-window", -100, 500, List.of(93.9, 101.4, 95.5, 92.4)));
    }

    /** The window with TDC channel {@code channel} of {@code fpga} silent: its occupancy bins emptied, its hits taken off. */
    public static WindowSummary withSilentChannel(WindowSummary w, int fpga, int channel) {
        List<WindowSummary.ChamberSummary> chambers = new ArrayList<>();
        long removed = 0;
        for (WindowSummary.ChamberSummary c : w.chambers()) {
            int bin = channel - c.firstChannel();
            if (c.fpga() != fpga || bin < 0 || bin >= Chamber.CELLS) {
                chambers.add(c);
                continue;
            }
            long[] occupancy = c.occupancy().binCounts().clone();
            long[] matched = c.matchedOccupancy().binCounts().clone();
            long hits = occupancy[bin];
            long matchedHits = matched[bin];
            occupancy[bin] = 0;
            matched[bin] = 0;
            removed += hits;
            Binning cells = Binning.integers(c.firstChannel(), c.firstChannel() + Chamber.CELLS);
            chambers.add(new WindowSummary.ChamberSummary(c.chamber(), c.fpga(), c.firstChannel(), c.hits() - hits, c.matchedHits() - matchedHits,
                    Histogram.of(cells, occupancy, 0, 0), c.activeChannelsPerOrbit(), Histogram.of(cells, matched, 0, 0), c.driftTimeNs()));
        }
        WindowSummary.Accounting a = w.accounting();
        return new WindowSummary(w.schema(), w.run(), w.window(), w.totalHits() - removed, chambers, w.scintillator(),
                new WindowSummary.Accounting(a.wordsRead() - removed, a.droppedByHead(), a.chamberHits() - removed, a.nonChamberHits(),
                        a.lateWords(), a.malformedWords()), w.settings());
    }

    /** The window as revision {@code revision} of its (run, index). */
    public static WindowSummary asRevision(WindowSummary w, int revision) {
        WindowSummary.Window x = w.window();
        return new WindowSummary(w.schema(), w.run(), new WindowSummary.Window(x.index(), x.sizeMs(), x.detectorStartNs(), x.detectorEndNs(),
                x.runStartMs(), x.sinceRunStartMs(), x.wallStartMs(), x.wallEndMs(), x.closableMs(), x.emittedMs(), x.closedBy(), revision,
                x.lastInRun()),
                w.totalHits(), w.chambers(), w.scintillator(), w.accounting(), w.settings());
    }

    /** The window as if it had become closable and been emitted at the given wall-clock times. */
    public static WindowSummary readyAt(WindowSummary w, long closableMs, long emittedMs) {
        WindowSummary.Window x = w.window();
        return new WindowSummary(w.schema(), w.run(), new WindowSummary.Window(x.index(), x.sizeMs(), x.detectorStartNs(), x.detectorEndNs(),
                x.runStartMs(), x.sinceRunStartMs(), x.wallStartMs(), x.wallEndMs(), closableMs, emittedMs, x.closedBy(), x.revision(),
                x.lastInRun()),
                w.totalHits(), w.chambers(), w.scintillator(), w.accounting(), w.settings());
    }

    /** A drift-time box: flat from 0 to 390 ns with soft edges, nothing before t0. */
    private static void spreadDriftTimes(long n, long[] bins, Random random) {
        for (long k = 0; k < n; k++) {
            double t = random.nextDouble() * 390 + random.nextGaussian() * 8;
            int i = DRIFT_BINNING.indexOf(t);
            if (i >= 0) {
                bins[i]++;
            }
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
