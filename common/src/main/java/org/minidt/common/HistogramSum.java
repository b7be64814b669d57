package org.minidt.common;

import java.util.Arrays;

/** A histogram summed over windows. A window with other bin edges (the processor was reconfigured) restarts the sum. */
public final class HistogramSum {
    private double[] edges;
    private long[] counts;
    private long underflow;
    private long overflow;

    public void add(Histogram h) {
        add(h, 1);
    }

    /**
     * Adds (sign 1) a histogram, or takes back (sign -1) one added before (a window replaced by its revision;
     * nothing if the sum has restarted since).
     */
    public void add(Histogram h, int sign) {
        boolean sameEdges = edges != null && Arrays.equals(edges, h.binEdges());
        if (sign < 0 && !sameEdges) {
            return;
        }
        if (!sameEdges) {
            edges = h.binEdges().clone();
            counts = new long[h.binCounts().length];
            underflow = 0;
            overflow = 0;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += sign * h.binCounts()[i];
        }
        underflow += sign * h.underflow();
        overflow += sign * h.overflow();
    }

    public Histogram toHistogram() {
        return new Histogram(edges.clone(), counts.clone(), underflow, overflow);
    }
}
