package org.minidt.quality;

import org.minidt.common.Histogram;

/**
 * How much more each bin of a reference histogram varies from window to window than Poisson statistics say
 * (quasi-Poisson dispersion). Real counts are not Poisson: a cell with afterpulses or bursts of noise, as several of
 * Run000591 have, varies several times more, and a muon's three or four drift times in a chamber are correlated
 * (the meantimer relation), so time-box bins vary about twice as much. Judged with Poisson errors, every window
 * would alarm on what the reference run itself did. With f = r / R the bin's share of the reference's entries, the
 * window-by-window Pearson statistic sum_w (n_w - f N_w)^2 / (f N_w) equals S / f - r, where
 * S = sum_w n_w^2 / N_w is kept with the reference ({@link Sample}); divided by (windows - 1) it is the dispersion,
 * never taken below 1.
 */
final class Dispersion {
    private Dispersion() {
    }

    static double[] of(Histogram reference, double[] spread, long windows) {
        long[] r = reference.binCounts();
        double total = reference.inRange();
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            double f = total == 0 ? 0 : r[i] / total;
            out[i] = windows < 2 || f == 0 ? 1 : Math.max(1, (spread[i] / f - r[i]) / (windows - 1));
        }
        return out;
    }
}
