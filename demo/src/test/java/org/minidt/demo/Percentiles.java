package org.minidt.demo;

/** The benchmarks' percentiles: nearest rank, over values sorted ascending. */
final class Percentiles {
    private Percentiles() {
    }

    static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
