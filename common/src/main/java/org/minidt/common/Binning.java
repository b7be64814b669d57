package org.minidt.common;

/**
 * Equal-width binning of [lo, hi) into {@code bins} bins: the one place that decides which bin a value
 * falls in. Bin i covers [edge(i), edge(i+1)) with edge(i) = lo + i * (hi - lo) / bins, and
 * {@link #indexOf} agrees with the published edges to the last bit.
 */
public record Binning(double lo, double hi, int bins) {
    public static final int UNDERFLOW = -1;
    public static final int OVERFLOW = -2;

    public Binning {
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("binning needs lo < hi and at least one bin, got [" + lo + ", " + hi + ") / " + bins);
        }
    }

    /** Unit-wide bins for the integers lo .. hiExclusive - 1. */
    public static Binning integers(int lo, int hiExclusive) {
        return new Binning(lo, hiExclusive, hiExclusive - lo);
    }

    public double edge(int i) {
        return i == bins ? hi : lo + i * (hi - lo) / bins;
    }

    public double[] edges() {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = edge(i);
        }
        return e;
    }

    /** Bin index of x, or {@link #UNDERFLOW} / {@link #OVERFLOW}. NaN is an overflow. */
    public int indexOf(double x) {
        if (x < lo) {
            return UNDERFLOW;
        }
        if (!(x < hi)) {
            return OVERFLOW;
        }
        int i = (int) Math.min(bins - 1, Math.floor((x - lo) * bins / (hi - lo)));
        // The floor above can land one bin off at an edge through rounding: settle on the edges themselves.
        while (i > 0 && x < edge(i)) {
            i--;
        }
        while (i < bins - 1 && x >= edge(i + 1)) {
            i++;
        }
        return i;
    }
}
