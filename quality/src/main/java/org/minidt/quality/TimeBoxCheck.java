package org.minidt.quality;

import static org.minidt.quality.Judgement.num;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidt.common.Histogram;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;

/**
 * The time-box fit of a chamber ({@link TimeBoxFit}) and its edges against the reference's: a t0 or tmax that moved
 * means a timing problem (a cable, a trigger delay, a firmware setting), not a detector one.
 */
final class TimeBoxCheck {
    static final String FIT = "time-box-fit";
    static final String T0_SHIFT = "t0-shift";
    static final String TMAX_SHIFT = "tmax-shift";

    private TimeBoxCheck() {
    }

    /** The fit, or null (with the reason in {@code why}) when there is none. */
    static TimeBoxFit.Result fitOrNull(Histogram driftTimes, Thresholds t, StringBuilder why) {
        long entries = driftTimes.inRange();
        if (entries < t.minFitEntries()) {
            why.append(entries).append(" drift times, needs ").append(t.minFitEntries()).append(" to fit");
            return null;
        }
        try {
            return TimeBoxFit.fit(driftTimes);
        } catch (TimeBoxFit.NoFit e) {
            why.append(e.getMessage());
            return null;
        }
    }

    /** The fit, the t0 shift and the tmax shift of one chamber; reference fit null when there is no reference (or no fit of it). */
    static List<Judgement> judge(int chamber, Histogram driftTimes, TimeBoxFit.Result reference, String referenceRun, Thresholds t) {
        Scope scope = Scope.chamber(chamber);
        StringBuilder why = new StringBuilder();
        TimeBoxFit.Result fit = fitOrNull(driftTimes, t, why);
        List<Judgement> out = new ArrayList<>();
        if (fit == null) {
            String reason = "chamber " + chamber + " time box: " + why;
            out.add(Judgement.nullFor(scope, FIT, reason));
            out.add(Judgement.nullFor(scope, T0_SHIFT, reason));
            out.add(Judgement.nullFor(scope, TMAX_SHIFT, reason));
            return out;
        }
        Map<String, Double> details = new HashMap<>(Map.of("t0_ns", fit.t0(), "t0_error_ns", fit.t0Error(), "tmax_ns", fit.tmax(),
                "tmax_error_ns", fit.tmaxError(), "rise_sigma_ns", fit.riseSigma(), "fall_sigma_ns", fit.fallSigma(),
                "plateau", fit.plateau(), "background", fit.background(), "v_drift_um_per_ns", fit.driftVelocityUmPerNs(),
                "v_drift_error_um_per_ns", fit.driftVelocityError()));
        if (reference != null) {
            details.put("reference_t0_ns", reference.t0());
            details.put("reference_tmax_ns", reference.tmax());
        }
        out.add(new Judgement(scope, FIT, Quality.GOOD, "chamber " + chamber + " time box: t0 = " + num(fit.t0(), 1) + " ± "
                + num(fit.t0Error(), 1) + " ns, tmax = " + num(fit.tmax(), 1) + " ± " + num(fit.tmaxError(), 1) + " ns, v_drift = "
                + num(fit.driftVelocityUmPerNs(), 1) + " ± " + num(fit.driftVelocityError(), 1) + " um/ns", fit.t0(), Map.of(), details));
        if (reference == null) {
            String reason = "chamber " + chamber + ": no reference time box to compare with";
            out.add(Judgement.nullFor(scope, T0_SHIFT, reason));
            out.add(Judgement.nullFor(scope, TMAX_SHIFT, reason));
            return out;
        }
        out.add(shift(scope, T0_SHIFT, "t0", fit.t0(), fit.t0Error(), reference.t0(), reference.t0Error(), referenceRun, t));
        out.add(shift(scope, TMAX_SHIFT, "tmax", fit.tmax(), fit.tmaxError(), reference.tmax(), reference.tmaxError(), referenceRun, t));
        return out;
    }

    private static Judgement shift(Scope scope, String check, String edge, double value, double error, double reference,
                                   double referenceError, String referenceRun, Thresholds t) {
        double shift = value - reference;
        double sigma = Math.hypot(error, referenceError);
        double significance = sigma > 0 ? Math.abs(shift) / sigma : Double.POSITIVE_INFINITY;
        Quality q = Math.abs(shift) > t.edgeShiftBadNs() && significance > t.edgeShiftBadSigmas() ? Quality.BAD
                : Math.abs(shift) > t.edgeShiftMediumNs() && significance > t.edgeShiftMediumSigmas() ? Quality.MEDIUM : Quality.GOOD;
        String reason = scope.label() + ": " + edge + " " + (shift >= 0 ? "+" : "") + num(shift, 1) + " ± " + num(sigma, 1)
                + " ns against reference " + referenceRun + " (" + num(value, 1) + " vs " + num(reference, 1) + " ns)";
        return new Judgement(scope, check, q, reason, shift, Map.of("medium_above_ns", t.edgeShiftMediumNs(), "bad_above_ns",
                t.edgeShiftBadNs()), Map.of("error_ns", sigma, "reference_ns", reference));
    }
}
