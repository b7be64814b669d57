package org.minidt.quality;

import java.util.Locale;
import java.util.Map;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;

/** One check's outcome on one scope, before it is stamped with run, span and reference into a QualityVerdict. */
record Judgement(Scope scope, String check, Quality quality, String reason, Double value, Map<String, Double> thresholds,
                 Map<String, Double> details) {

    static Judgement nullFor(Scope scope, String check, String reason) {
        return new Judgement(scope, check, Quality.NULL, reason, null, Map.of(), Map.of());
    }

    /** Numbers in reasons: at most {@code decimals} decimals, no trailing zeros beyond one. */
    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
