package org.minidt.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.minidt.common.WindowSummary.ChamberSummary;

/** Running sums of one run's windows, each window index counted once (a re-delivered window is skipped). */
public final class RunCumulative {
    private final String run;
    private final long runStartMs;
    private final Set<Long> indices = new HashSet<>();
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

    /** Adds the window; false (and nothing added) when this index was already counted. */
    public boolean add(WindowSummary w) {
        if (!indices.add(w.window().index())) {
            return false;
        }
        firstIndex = Math.min(firstIndex, w.window().index());
        lastIndex = Math.max(lastIndex, w.window().index());
        wallStartMs = Math.min(wallStartMs, w.window().wallStartMs());
        wallEndMs = Math.max(wallEndMs, w.window().wallEndMs());
        totalHits += w.totalHits();
        scintillatorHits += w.scintillator().hits();
        scintillatorOrbits += w.scintillator().orbits();
        WindowSummary.Accounting a = w.accounting();
        wordsRead += a.wordsRead();
        chamberHits += a.chamberHits();
        nonChamberHits += a.nonChamberHits();
        lateWords += a.lateWords();
        malformedWords += a.malformedWords();
        a.droppedByHead().forEach((head, n) -> droppedByHead.merge(head, n, Long::sum));
        for (ChamberSummary c : w.chambers()) {
            while (chambers.size() <= c.chamber()) {
                chambers.add(new ChamberSums());
            }
            chambers.get(c.chamber()).add(c);
        }
        return true;
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

        void add(ChamberSummary c) {
            fpga = c.fpga();
            firstChannel = c.firstChannel();
            hits += c.hits();
            matchedHits += c.matchedHits();
            occupancy.add(c.occupancy());
            activeChannelsPerOrbit.add(c.activeChannelsPerOrbit());
            matchedOccupancy.add(c.matchedOccupancy());
            driftTimeNs.add(c.driftTimeNs());
        }

        ChamberSummary toSummary(int chamber) {
            return new ChamberSummary(chamber, fpga, firstChannel, hits, matchedHits, occupancy.toHistogram(),
                    activeChannelsPerOrbit.toHistogram(), matchedOccupancy.toHistogram(), driftTimeNs.toHistogram());
        }
    }
}
