package org.minidt.dashboard;

import org.minidt.common.Histogram;

/** A histogram as CSV for spreadsheets: one row per bin with its edges, then the underflow and overflow rows. */
final class HistogramCsv {
    private HistogramCsv() {
    }

    static String of(Histogram h) {
        StringBuilder b = new StringBuilder("bin_low,bin_high,count\n");
        double[] edges = h.binEdges();
        long[] counts = h.binCounts();
        for (int i = 0; i < counts.length; i++) {
            b.append(edges[i]).append(',').append(edges[i + 1]).append(',').append(counts[i]).append('\n');
        }
        b.append("-inf,").append(edges[0]).append(',').append(h.underflow()).append('\n');
        b.append(edges[counts.length]).append(",inf,").append(h.overflow()).append('\n');
        return b.toString();
    }
}
