package org.minidt.quality;

import static org.minidt.quality.Judgement.num;

import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;

/**
 * A histogram's shape against the reference's (CMS Comp2RefChi2, ALICE ReferenceComparator): the chi2 of two
 * histograms with independent Poisson counts, each normalised to its own total (ROOT's Chi2Test "UU"),
 * chi2 = sum (sqrt(R/M) m_i - sqrt(M/R) r_i)^2 / ((m_i + r_i) d_i), ndf = bins used - 1, and its p-value; d_i is
 * the bin's dispersion in the reference (1 for Poisson bins, see {@link Dispersion}); sparse bins are pooled. A
 * muon gives about one entry in each of the 4 layers, so entries come in correlated groups: by Satterthwaite's
 * approximation chi2 / c is compared with a chi2 of ndf / c degrees of freedom, c = {@code shapeClusterSize}.
 */
final class ShapeCheck {
    static final String OCCUPANCY = "occupancy-shape";
    static final String TIME_BOX = "time-box-shape";

    /** A bin is compared on its own when the scaled reference expects at least this many entries in it. */
    static final double MIN_EXPECTED = 5;

    private ShapeCheck() {
    }

    /**
     * chi2, ndf and p-value; bins where {@code excluded} is true or both counts are 0 are left out; {@code dispersion}
     * null means Poisson bins.
     */
    record Chi2(double chi2, int ndf, double p, long entries) {
    }

    static Chi2 chi2(long[] m, long[] r, boolean[] excluded, double[] dispersion, double clusterSize) {
        long mSum = 0;
        long rSum = 0;
        for (int i = 0; i < m.length; i++) {
            if (excluded == null || !excluded[i]) {
                mSum += m[i];
                rSum += r[i];
            }
        }
        double chi2 = 0;
        int bins = 0;
        if (mSum > 0 && rSum > 0) {
            double a = Math.sqrt((double) rSum / mSum);
            double b = Math.sqrt((double) mSum / rSum);
            // Bins the reference expects fewer than MIN_EXPECTED entries in are pooled into one: a single stray entry
            // where the reference has none would otherwise weigh R/M on its own.
            long pooledM = 0;
            long pooledR = 0;
            for (int i = 0; i < m.length; i++) {
                if ((excluded != null && excluded[i]) || m[i] + r[i] == 0) {
                    continue;
                }
                if (r[i] * b * b < MIN_EXPECTED) {
                    pooledM += m[i];
                    pooledR += r[i];
                    continue;
                }
                double d = a * m[i] - b * r[i];
                chi2 += d * d / ((m[i] + r[i]) * (dispersion == null ? 1 : dispersion[i]));
                bins++;
            }
            if (pooledM + pooledR > 0) {
                double d = a * pooledM - b * pooledR;
                chi2 += d * d / (pooledM + pooledR);
                bins++;
            }
        }
        int ndf = Math.max(1, bins - 1);
        // chi2 / c follows about a chi2 of ndf / c degrees of freedom when entries come in correlated groups of c.
        // The upper tail directly: 1 - cdf would round small p-values to 0.
        double p = bins < 2 ? 1 : Gamma.regularizedGammaQ(ndf / clusterSize / 2, chi2 / clusterSize / 2);
        return new Chi2(chi2, ndf, p, mSum);
    }

    static Judgement judge(int chamber, String check, String what, long[] m, long[] r, boolean[] excluded, double[] dispersion,
                           String referenceRun, Thresholds t) {
        Scope scope = Scope.chamber(chamber);
        Chi2 c = chi2(m, r, excluded, dispersion, t.shapeClusterSize());
        if (c.entries() < t.minShapeEntries()) {
            return Judgement.nullFor(scope, check, "chamber " + chamber + " " + what + ": " + c.entries() + " entries, needs "
                    + t.minShapeEntries() + " to compare with the reference");
        }
        Quality q = c.p() < t.shapeBadP() ? Quality.BAD : c.p() < t.shapeMediumP() ? Quality.MEDIUM : Quality.GOOD;
        String reason = "chamber " + chamber + " " + what + (q == Quality.GOOD ? " matches" : " differs from") + " reference "
                + referenceRun + ": chi2/ndf = " + num(c.chi2(), 0) + "/" + c.ndf() + ", p = " + String.format(Locale.ROOT, "%.2g", c.p());
        return new Judgement(scope, check, q, reason, c.p(), Map.of("medium_below", t.shapeMediumP(), "bad_below", t.shapeBadP()),
                Map.of("chi2", c.chi2(), "ndf", (double) c.ndf(), "entries", (double) c.entries()));
    }
}
