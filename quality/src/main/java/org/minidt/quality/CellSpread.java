package org.minidt.quality;

import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * How much more a cell's count varies from window to window in the reference than Poisson statistics say
 * (quasi-Poisson dispersion). Real cells are not Poisson: a cell with afterpulses or bursts of noise, as several of
 * Run000591 have, varies several times more, and judging it with Poisson errors would alarm on every burst the
 * reference run itself had. With f = r / R the cell's share of the chamber's reference hits, the window-by-window
 * Pearson statistic sum_w (n_w - f N_w)^2 / (f N_w) equals S / f - r, where S = sum_w n_w^2 / N_w is kept with the
 * reference; divided by (windows - 1) it is the dispersion, never taken below 1.
 */
final class CellSpread {
    private CellSpread() {
    }

    static double[] dispersion(ChamberSummary reference, double[] spread, long windows) {
        long[] r = reference.occupancy().binCounts();
        double total = reference.occupancy().inRange();
        double[] out = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            double f = total == 0 ? 0 : r[i] / total;
            out[i] = windows < 2 || f == 0 ? 1 : Math.max(1, (spread[i] / f - r[i]) / (windows - 1));
        }
        return out;
    }
}
