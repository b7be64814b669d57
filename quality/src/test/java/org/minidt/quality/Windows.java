package org.minidt.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.Histogram;
import org.minidt.common.WindowSummary;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * Window summaries for the quality tests, with Poisson cell counts of known means: every cell {@code cellHz} per
 * second except where {@code cellRate} says otherwise, a time box of {@code timeBox} entries per chamber, and
 * orbits with one to four active channels.
 */
final class Windows {
    static final Binning CHANNELS_PER_ORBIT = Binning.integers(1, 65);
    static final long START_MS = 1_790_000_000_000L;

    private Windows() {
    }

    /** Chamber c's mean hits per second in cell (channel) i, for the generator. */
    interface CellRate {
        double hz(int chamber, int channel);
    }

    static WindowSummary window(String run, long index, long seed, CellRate cellRate, int timeBox, double t0Ns, int noisyOrbits) {
        SplittableRandom random = new SplittableRandom(seed * 7919 + index);
        List<ChamberSummary> chambers = new ArrayList<>();
        long total = 0;
        for (Chamber c : Chamber.values()) {
            long[] occupancy = new long[Chamber.CELLS];
            long hits = 0;
            for (int i = 0; i < Chamber.CELLS; i++) {
                occupancy[i] = poisson(random, cellRate.hz(c.index(), c.firstChannel() + i));
                hits += occupancy[i];
            }
            long[] active = new long[64];
            for (int k = 0; k < 4; k++) {
                active[k] = hits / 10;
            }
            active[19] = noisyOrbits;
            Histogram drift = TimeBoxFitTest.box(seed * 31 + index * 4 + c.index(), timeBox, t0Ns, TimeBoxFitTest.WIDTH, 1, timeBox / 20);
            chambers.add(new ChamberSummary(c.index(), c.fpga(), c.firstChannel(), hits, drift.inRange(),
                    Histogram.of(Binning.integers(c.firstChannel(), c.firstChannel() + Chamber.CELLS), occupancy, 0, 0),
                    Histogram.of(CHANNELS_PER_ORBIT, active, 0, 0),
                    Histogram.of(Binning.integers(c.firstChannel(), c.firstChannel() + Chamber.CELLS), new long[Chamber.CELLS], 0, 0),
                    drift));
            total += hits;
        }
        long startMs = START_MS + index * 1000;
        return new WindowSummary(WindowSummary.SCHEMA_VERSION, run,
                new WindowSummary.Window(index, 1000, index * 1_000_000_000L, (index + 1) * 1_000_000_000L, START_MS, index * 1000,
                        startMs, startMs + 1000, startMs + 2000, startMs + 2000, "stream-time", 0, false),
                total, chambers, new WindowSummary.Scintillator(0, 0),
                new WindowSummary.Accounting(total, Map.of(), total, 0, 0, 0),
                new WindowSummary.Settings(1000, "time-window", -100, 500, List.of(93.9, 101.4, 95.5, 92.4)));
    }

    /** The same window as a later revision of itself. */
    static WindowSummary revision(WindowSummary w, int revision) {
        WindowSummary.Window o = w.window();
        return new WindowSummary(w.schema(), w.run(), new WindowSummary.Window(o.index(), o.sizeMs(), o.detectorStartNs(), o.detectorEndNs(),
                o.runStartMs(), o.sinceRunStartMs(), o.wallStartMs(), o.wallEndMs(), o.closableMs(), o.emittedMs(), o.closedBy(), revision,
                o.lastInRun()), w.totalHits(), w.chambers(), w.scintillator(), w.accounting(), w.settings());
    }

    /** Uniform cells at {@code hz}, a healthy time box at t0 = 0. */
    static WindowSummary healthy(String run, long index, long seed, double hz) {
        return window(run, index, seed, (c, ch) -> hz, 1000, 0, 0);
    }

    private static long poisson(SplittableRandom r, double mean) {
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
                    * Math.cos(2 * Math.PI * r.nextDouble())));
        }
        double l = Math.exp(-mean);
        long k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
