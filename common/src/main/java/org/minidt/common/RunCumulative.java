package org.minidt.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * Running sums of one run's windows, each window index counted once: a re-delivered window is skipped, and a
 * newer revision of one of the last {@link #REVISABLE_WINDOWS} windows replaces it in the sums (readers keep the
 * newest revision of (run, index): docs/processor.md, "Revisions").
 */
public final class RunCumulative {
    /** Windows kept to be replaced by a revision: 600 s of 1 s windows, the processor's longest revision horizon. */
    public static final int REVISABLE_WINDOWS = 600;

    private final String run;
    private final long runStartMs;
    private final Set<Long> indices = new HashSet<>();
    private final TreeMap<Long, WindowSummary> revisable = new TreeMap<>();
    private final List<ChamberSums> chambers = new ArrayList<>();
    private final Map<String, Long> droppedByHead = new TreeMap<>();
    private long firstIndex = Long.MAX_VALUE;
    private long lastIndex = Long.MIN_VALUE;
    private long wallStartMs = Long.MAX_VALUE;
    private long wallEndMs = Long.MIN_VALUE;
    private long totalHits;
    private long scintillatorHits;
    private long scintillatorOrbits;
    private long wordsRead;
    private long chamberHits;
    private long nonChamberHits;
    private long lateWords;
    private long malformedWords;

    public RunCumulative(WindowSummary first) {
        this.run = first.run();
        this.runStartMs = first.window().runStartMs();
    }

    /**
     * Adds the window, or puts a newer revision in place of the one counted; false (and nothing changed) for a
     * window already counted in this or a newer revision, or too old to be replaced.
     */
    public boolean add(WindowSummary w) {
        long index = w.window().index();
        if (!indices.add(index)) {
            WindowSummary counted = revisable.get(index);
            if (counted == null || counted.window().revision() >= w.window().revision()) {
                return false;
            }
            apply(counted, -1);
            apply(w, 1);
            revisable.put(index, w);
            return true;
        }
        apply(w, 1);
        revisable.put(index, w);
        while (!revisable.isEmpty() && revisable.firstKey() <= lastIndex - REVISABLE_WINDOWS) {
            revisable.pollFirstEntry();
        }
        return true;
    }

    /** Adds (sign 1) or takes back (sign -1) a window's counts; the span covered only grows. */
    private void apply(WindowSummary w, int sign) {
        firstIndex = Math.min(firstIndex, w.window().index());
        lastIndex = Math.max(lastIndex, w.window().index());
        wallStartMs = Math.min(wallStartMs, w.window().wallStartMs());
        wallEndMs = Math.max(wallEndMs, w.window().wallEndMs());
        totalHits += sign * w.totalHits();
        scintillatorHits += sign * w.scintillator().hits();
        scintillatorOrbits += sign * w.scintillator().orbits();
        WindowSummary.Accounting a = w.accounting();
        wordsRead += sign * a.wordsRead();
        chamberHits += sign * a.chamberHits();
        nonChamberHits += sign * a.nonChamberHits();
        lateWords += sign * a.lateWords();
        malformedWords += sign * a.malformedWords();
        a.droppedByHead().forEach((head, n) -> droppedByHead.merge(head, sign * n, Long::sum));
        for (ChamberSummary c : w.chambers()) {
            while (chambers.size() <= c.chamber()) {
                chambers.add(new ChamberSums());
            }
            chambers.get(c.chamber()).add(c, sign);
        }
    }

    public Cumulative toCumulative() {
        List<ChamberSummary> sums = new ArrayList<>();
        for (int i = 0; i < chambers.size(); i++) {
            sums.add(chambers.get(i).toSummary(i));
        }
        return new Cumulative(run, runStartMs, indices.size(), firstIndex, lastIndex, wallStartMs, wallEndMs, totalHits, sums,
                new WindowSummary.Scintillator(scintillatorHits, scintillatorOrbits),
                new WindowSummary.Accounting(wordsRead, new TreeMap<>(droppedByHead), chamberHits, nonChamberHits, lateWords, malformedWords));
    }

    private static final class ChamberSums {
        private int fpga;
        private int firstChannel;
        private long hits;
        private long matchedHits;
        private final HistogramSum occupancy = new HistogramSum();
        private final HistogramSum activeChannelsPerOrbit = new HistogramSum();
        private final HistogramSum matchedOccupancy = new HistogramSum();
        private final HistogramSum driftTimeNs = new HistogramSum();

        void add(ChamberSummary c, int sign) {
            fpga = c.fpga();
            firstChannel = c.firstChannel();
            hits += sign * c.hits();
            matchedHits += sign * c.matchedHits();
            occupancy.add(c.occupancy(), sign);
            activeChannelsPerOrbit.add(c.activeChannelsPerOrbit(), sign);
            matchedOccupancy.add(c.matchedOccupancy(), sign);
            driftTimeNs.add(c.driftTimeNs(), sign);
        }

        ChamberSummary toSummary(int chamber) {
            return new ChamberSummary(chamber, fpga, firstChannel, hits, matchedHits, occupancy.toHistogram(),
                    activeChannelsPerOrbit.toHistogram(), matchedOccupancy.toHistogram(), driftTimeNs.toHistogram());
        }
    }
}
