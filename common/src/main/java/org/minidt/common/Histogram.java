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

    /** Whether {@code other} has the same bin edges, so that the two can be added. */
    public boolean sameBinning(Histogram other) {
        return Arrays.equals(binEdges, other.binEdges);
    }

    /** This histogram plus {@code sign} times {@code other} (same bin edges): sums over windows, and a revised window's swap. */
    public Histogram plus(Histogram other, int sign) {
        if (!sameBinning(other)) {
            throw new IllegalArgumentException("cannot add histograms with different bin edges");
        }
        long[] counts = binCounts.clone();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += sign * other.binCounts[i];
        }
        return new Histogram(binEdges, counts, underflow + sign * other.underflow, overflow + sign * other.overflow);
    }

    /** Entries in the bins (under- and overflow not included). */
    public long inRange() {
        return Arrays.stream(binCounts).sum();
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
