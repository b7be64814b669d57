package org.minidt.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An independent, plainly written batch computation of the window products over a whole file, to check the
 * processor against. It shares no code with production: it splits the CSV itself, maps channels to
 * chambers itself and computes times in nanoseconds from the fields as docs/detector.md writes them.
 */
final class ReferenceMonitor {
    /** What one window must contain. Histograms as plain count arrays. */
    static final class Expected {
        final long index;
        long wordsRead;
        long totalHits;
        long nonChamberHits;
        long scintillatorHits;
        final Map<String, Long> droppedByHead = new TreeMap<>();
        final long[] hits = new long[4];
        final long[] matchedHits = new long[4];
        final long[][] occupancy = new long[4][64];
        final long[][] matchedOccupancy = new long[4][64];
        final long[][] activeChannels = new long[4][64];
        final long[][] drift;
        final long[] driftUnder = new long[4];
        final long[] driftOver = new long[4];
        final Set<Long> scintillatorOrbits = new HashSet<>();
        final List<Map<Long, Set<Integer>>> channelsByOrbit = new ArrayList<>();

        Expected(long index, int driftBins) {
            this.index = index;
            this.drift = new long[4][driftBins];
            for (int c = 0; c < 4; c++) {
                channelsByOrbit.add(new HashMap<>());
            }
            for (String head : List.of("0", "1", "3", "4", "5")) {
                droppedByHead.put(head, 0L);
            }
        }
    }

    private record Row(int head, int fpga, int channel, long orbit, int bx, int tdc) {
        long ticks() {
            return (orbit * 3564 + bx) * 30 + tdc;
        }
    }

    private final int hitHead;
    private final long startOrbit;
    private final long windowMs;
    private final boolean sameOrbit;
    private final double[] offsets;
    private final double driftLo;
    private final double driftBinWidth;
    private final int driftBins;

    /**
     * @param hitHead HEAD value of hits in the file (1 in the 2020 firmware files, 2 in the course format)
     * @param sameOrbit true: t0 is the earliest scintillator hit of the hit's orbit; false: the earliest with
     *                  -100 ns <= t_hit - t0 <= +500 ns
     */
    ReferenceMonitor(int hitHead, long startOrbit, long windowMs, boolean sameOrbit, double[] offsets,
                     double driftLo, double driftBinWidth, int driftBins) {
        this.hitHead = hitHead;
        this.startOrbit = startOrbit;
        this.windowMs = windowMs;
        this.sameOrbit = sameOrbit;
        this.offsets = offsets;
        this.driftLo = driftLo;
        this.driftBinWidth = driftBinWidth;
        this.driftBins = driftBins;
    }

    /** The windows of the rows, by index. Every row must be a valid word (the reference does not judge syntax). */
    Map<Long, Expected> compute(List<String> rows) {
        List<Row> parsed = new ArrayList<>();
        for (String line : rows) {
            String[] f = line.split(",");
            parsed.add(new Row(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                    Integer.parseInt(f[4]), f[0].equals(String.valueOf(hitHead)) ? Integer.parseInt(f[5]) : 0));
        }
        List<Row> scintillator = new ArrayList<>();
        for (Row r : parsed) {
            if (r.head == hitHead && r.fpga == 1 && r.channel == 128) {
                scintillator.add(r);
            }
        }
        Map<Long, Expected> windows = new TreeMap<>();
        long newestHitTicks = Long.MIN_VALUE;
        long startTicks = startOrbit * 3564 * 30;
        long windowTicks = windowMs * 1_200_000;
        for (Row r : parsed) {
            if (r.head != hitHead) {
                // Words without a time of their own count in the window of the newest hit so far (window 0 before any).
                long index = newestHitTicks == Long.MIN_VALUE ? 0 : Math.floorDiv(newestHitTicks - startTicks, windowTicks);
                Expected w = windows.computeIfAbsent(index, i -> new Expected(i, driftBins));
                w.wordsRead++;
                w.droppedByHead.merge(String.valueOf(r.head), 1L, Long::sum);
                continue;
            }
            newestHitTicks = Math.max(newestHitTicks, r.ticks());
            long index = Math.floorDiv(r.ticks() - startTicks, windowTicks);
            Expected w = windows.computeIfAbsent(index, i -> new Expected(i, driftBins));
            w.wordsRead++;
            w.totalHits++;
            if (r.channel >= 128) {
                w.nonChamberHits++;
                if (r.fpga == 1 && r.channel == 128) {
                    w.scintillatorHits++;
                    w.scintillatorOrbits.add(r.orbit);
                }
                continue;
            }
            int chamber = r.fpga * 2 + (r.channel >= 64 ? 1 : 0);
            int cell = r.channel % 64;
            w.hits[chamber]++;
            w.occupancy[chamber][cell]++;
            w.channelsByOrbit.get(chamber).computeIfAbsent(r.orbit, o -> new HashSet<>()).add(r.channel);
            Row t0 = t0Of(r, scintillator);
            if (t0 != null) {
                w.matchedHits[chamber]++;
                w.matchedOccupancy[chamber][cell]++;
                double drift = nsBetween(t0, r) + offsets[chamber];
                if (drift < driftLo) {
                    w.driftUnder[chamber]++;
                } else if (drift >= driftLo + driftBins * driftBinWidth) {
                    w.driftOver[chamber]++;
                } else {
                    w.drift[chamber][(int) Math.floor((drift - driftLo) / driftBinWidth)]++;
                }
            }
        }
        for (Expected w : windows.values()) {
            for (int c = 0; c < 4; c++) {
                for (Set<Integer> channels : w.channelsByOrbit.get(c).values()) {
                    w.activeChannels[c][channels.size() - 1]++;
                }
            }
        }
        return windows;
    }

    /** The earliest scintillator hit the rule matches to {@code hit}, or null. */
    private Row t0Of(Row hit, List<Row> scintillator) {
        Row best = null;
        for (Row s : scintillator) {
            boolean matches = sameOrbit ? s.orbit == hit.orbit : nsBetween(s, hit) >= -100 && nsBetween(s, hit) <= 500;
            if (matches && (best == null || s.ticks() < best.ticks())) {
                best = s;
            }
        }
        return best;
    }

    /** t_b - t_a in ns, t = 25 * (ORBIT_CNT * 3564 + BX_COUNTER + TDC_MEAS / 30), taken as a difference of the fields. */
    private static double nsBetween(Row a, Row b) {
        return 25.0 * ((b.orbit - a.orbit) * 3564 + (b.bx - a.bx)) + 25.0 * (b.tdc - a.tdc) / 30;
    }
}
