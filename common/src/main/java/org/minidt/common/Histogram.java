package org.minidt.common;

import java.util.Arrays;

/**
 * A histogram as it travels in {@link WindowSummary}: {@code bin_edges} (bins + 1 values) and
 * {@code bin_counts}, plus the entries below the first and at or above the last edge.
 */
public record Histogram(double[] binEdges, long[] binCounts, long underflow, long overflow) {

    public Histogram {
        if (binEdges.length != binCounts.length + 1) {
            throw new IllegalArgumentException("a histogram needs one more edge than counts");
        }
    }

    public static Histogram of(Binning binning, long[] counts, long underflow, long overflow) {
        return new Histogram(binning.edges(), counts, underflow, overflow);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && Arrays.equals(binEdges, h.binEdges) && Arrays.equals(binCounts, h.binCounts)
                && underflow == h.underflow && overflow == h.overflow;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(binEdges) + Arrays.hashCode(binCounts);
    }

    @Override
    public String toString() {
        return "Histogram" + Arrays.toString(binCounts) + " under=" + underflow + " over=" + overflow;
    }
}
