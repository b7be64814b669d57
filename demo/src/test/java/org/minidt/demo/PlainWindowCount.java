package org.minidt.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.minidt.common.WindowSummary;

/**
 * The reference for end-to-end tests, written plainly and apart from the production code: rows of the 2020
 * firmware (HEAD 1 = hit) split by hand, each hit counted in the window of its own clock, windows counted
 * from the orbit of the first row (the emulator's run start).
 */
final class PlainWindowCount {
    /** Per window: total hits, chamber 0..3 hits, words read. */
    static final int TOTAL = 0;
    static final int WORDS = 5;

    private PlainWindowCount() {
    }

    static Map<Long, long[]> of(List<String> rows, long windowMs) {
        long startOrbit = Long.parseLong(rows.get(0).split(",")[3]);
        long ticksPerWindow = windowMs * 1_200_000L; // 1 ms = 1e6 ns, 1 tick = 25/30 ns
        Map<Long, long[]> windows = new TreeMap<>();
        for (String row : rows) {
            String[] f = row.split(",");
            int fpga = Integer.parseInt(f[1]);
            int channel = Integer.parseInt(f[2]);
            long ticks = ((Long.parseLong(f[3]) - startOrbit) * 3564 + Long.parseLong(f[4])) * 30 + Long.parseLong(f[5]);
            long[] c = windows.computeIfAbsent(Math.floorDiv(ticks, ticksPerWindow), w -> new long[6]);
            c[TOTAL]++;
            if (channel < 128) {
                c[1 + fpga * 2 + (channel >= 64 ? 1 : 0)]++;
            }
            c[WORDS]++;
        }
        return windows;
    }

    /** The same numbers read off a window message. */
    static long[] countsOf(WindowSummary w) {
        long[] c = new long[6];
        c[TOTAL] = w.totalHits();
        w.chambers().forEach(ch -> c[1 + ch.chamber()] = ch.hits());
        c[WORDS] = w.accounting().wordsRead();
        return c;
    }
}
