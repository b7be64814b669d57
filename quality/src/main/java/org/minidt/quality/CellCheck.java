package org.minidt.quality;

import static org.minidt.quality.Judgement.num;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.minidt.common.CellMap;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * Dead and noisy cells against the reference (CMS DTOccupancyTest / DeadChannel / NoisyChannel; docs/quality.md, "Sources"): each
 * cell's expected count is its reference count scaled by the chamber's hits in the sample over those in the
 * reference ({@link #scale}: without known-bad or far-off cells), its spread the Poisson one times the cell's dispersion in the reference ({@link Dispersion}). One
 * check per cell: a cell is either dead, noisy, known bad in the reference, good, or not judged.
 */
final class CellCheck {
    static final String NAME = "cell-occupancy";

    private CellCheck() {
    }

    /** The cell the channel reads, by the configured map; a channel that reads no cell keeps its histogram's chamber. */
    static Scope scope(CellMap cellMap, ChamberSummary histogram, int channel) {
        return cellMap.cellOf(histogram.fpga(), channel)
                .map(c -> new Scope(Scope.CELL, c.chamber().index(), c.layer(), c.wire(), channel, c.label()))
                .orElse(new Scope(Scope.CELL, histogram.chamber(), null, null, channel, "ch " + channel));
    }

    /** One judgement per cell of the chamber, in channel order. */
    static List<Judgement> judge(ChamberSummary sample, double seconds, ChamberSummary reference, double[] dispersion,
                                 double referenceSeconds, String referenceRun, CellMap cellMap, Thresholds t) {
        long[] m = sample.occupancy().binCounts();
        long[] r = reference.occupancy().binCounts();
        double median = median(r);
        double scale = scale(m, r, dispersion, median, t);
        List<Judgement> out = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            int channel = sample.firstChannel() + i;
            Scope scope = scope(cellMap, sample, channel);
            String cell = scope.layer() == null ? "ch " + channel + " (no cell)" : "cell " + scope.label() + " (ch " + channel + ")";
            double expected = r[i] * scale;
            double referenceHz = referenceSeconds > 0 ? r[i] / referenceSeconds : 0;
            Map<String, Double> details = Map.of("expected", expected, "reference_hz", referenceHz, "reference_median_cell", median,
                    "dispersion", dispersion[i]);
            if (r[i] < t.knownDeadFraction() * median) {
                out.add(new Judgement(scope, NAME, Quality.KNOWN, cell + ": known dead in reference " + referenceRun + " (" + r[i]
                        + " hits against a median cell's " + num(median, 0) + ")", (double) m[i], Map.of(), details));
                continue;
            }
            if (r[i] > t.knownNoisyFactor() * median) {
                out.add(new Judgement(scope, NAME, Quality.KNOWN, cell + ": known noisy in reference " + referenceRun + " (" + r[i]
                        + " hits against a median cell's " + num(median, 0) + ")", (double) m[i], Map.of(), details));
                continue;
            }
            if (expected < t.minExpectedCellHits()) {
                out.add(new Judgement(scope, NAME, Quality.NULL, cell + ": expected only " + num(expected, 1) + " hits in "
                        + num(seconds, 0) + " s, needs " + num(t.minExpectedCellHits(), 0) + " to judge", (double) m[i], Map.of(), details));
                continue;
            }
            double sigma = Math.sqrt(dispersion[i] * expected);
            double deadBelow = expected - t.cellSigmas() * sigma;
            double noisyAbove = Math.max(t.noisyFactor() * expected, expected + t.cellSigmas() * sigma);
            Map<String, Double> limits = Map.of("dead_below", deadBelow, "noisy_above", noisyAbove);
            String counts = m[i] + " hits in " + num(seconds, 0) + " s, expected " + num(expected, 0) + " (reference " + referenceRun
                    + ": " + num(referenceHz, 1) + " Hz)";
            Quality q;
            String reason;
            if (m[i] == 0 || m[i] < deadBelow) {
                q = Quality.BAD;
                reason = cell + (m[i] == 0 ? " silent: " : " dead: ") + counts;
            } else if (m[i] > noisyAbove && dispersion[i] > t.unstableDispersion()) {
                q = Quality.KNOWN;
                reason = cell + " bursting: " + num(m[i] / expected, 1) + "x the expected rate, " + counts + "; known unstable: its "
                        + "count varied " + num(dispersion[i], 0) + "x more than Poisson in the reference";
            } else if (m[i] > noisyAbove) {
                q = Quality.BAD;
                reason = cell + " noisy: " + num(m[i] / expected, 1) + "x the expected rate, " + counts;
            } else {
                q = Quality.GOOD;
                reason = cell + ": " + counts;
            }
            out.add(new Judgement(scope, NAME, q, reason, (double) m[i], limits, details));
        }
        return out;
    }

    /**
     * Sample over reference hits of the chamber, over the cells that are neither known bad nor far off: a hot cell
     * must not raise every other cell's expectation (at run-so-far statistics its 10 % would make them all look
     * dead). The cells more than {@code cellSigmas} off the first estimate are left out of the second.
     */
    static double scale(long[] m, long[] r, double[] dispersion, double median, Thresholds t) {
        boolean[] used = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            used[i] = r[i] >= t.knownDeadFraction() * median && r[i] <= t.knownNoisyFactor() * median;
        }
        double scale = ratio(m, r, used);
        for (int i = 0; i < m.length; i++) {
            double e = r[i] * scale;
            used[i] &= e == 0 || Math.abs(m[i] - e) <= t.cellSigmas() * Math.sqrt(dispersion[i] * e);
        }
        return ratio(m, r, used);
    }

    private static double ratio(long[] m, long[] r, boolean[] used) {
        long ms = 0;
        long rs = 0;
        for (int i = 0; i < m.length; i++) {
            if (used[i]) {
                ms += m[i];
                rs += r[i];
            }
        }
        return rs == 0 ? 0 : (double) ms / rs;
    }

    /** Cells that cannot be compared as they are (dead or noisy now, or bad in the reference): shape tests leave them out. */
    static boolean[] excluded(List<Judgement> cells) {
        boolean[] out = new boolean[cells.size()];
        for (int i = 0; i < out.length; i++) {
            Quality q = cells.get(i).quality();
            out[i] = q == Quality.KNOWN || q == Quality.BAD;
        }
        return out;
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? 0 : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
