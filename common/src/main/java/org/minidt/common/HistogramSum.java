package org.minidt.common;

import java.util.Arrays;

/** A histogram summed over windows. A window with other bin edges (the processor was reconfigured) restarts the sum. */
public final class HistogramSum {
    private double[] edges;
    private long[] counts;
    private long underflow;
    private long overflow;

    public void add(Histogram h) {
        if (edges == null || !Arrays.equals(edges, h.binEdges())) {
            edges = h.binEdges().clone();
            counts = new long[h.binCounts().length];
            underflow = 0;
            overflow = 0;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += h.binCounts()[i];
        }
        underflow += h.underflow();
        overflow += h.overflow();
    }

    public Histogram toHistogram() {
        return new Histogram(edges.clone(), counts.clone(), underflow, overflow);
    }
}
