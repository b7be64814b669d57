package org.minidt.quality;

import static org.minidt.quality.Judgement.num;

import java.util.Map;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;

/**
 * A chamber's rate against the reference, as its share of the detector's hits over the reference's share: a
 * window cut short by the start, the end or a pause of the run lowers every chamber alike and is no alarm, while
 * a chamber losing high voltage or a readout link stands out.
 */
final class ChamberRateCheck {
    static final String NAME = "chamber-rate";

    private ChamberRateCheck() {
    }

    static Judgement judge(int chamber, long hits, long detectorHits, double seconds, long referenceHits, long referenceDetectorHits,
                           double referenceSeconds, String referenceRun, Thresholds t) {
        Scope scope = Scope.chamber(chamber);
        double expected = referenceDetectorHits == 0 ? 0 : (double) referenceHits / referenceDetectorHits * detectorHits;
        double referenceHz = referenceSeconds > 0 ? referenceHits / referenceSeconds : 0;
        Map<String, Double> details = Map.of("expected", expected, "hz", seconds > 0 ? hits / seconds : 0, "reference_hz", referenceHz);
        if (expected < t.minExpectedChamberHits()) {
            return new Judgement(scope, NAME, Quality.NULL, "chamber " + chamber + ": expected only " + num(expected, 0)
                    + " hits, needs " + num(t.minExpectedChamberHits(), 0) + " to judge the rate", (double) hits, Map.of(), details);
        }
        double ratio = hits / expected;
        Quality q = ratio < t.rateBadLow() || ratio > t.rateBadHigh() ? Quality.BAD
                : ratio < t.rateMediumLow() || ratio > t.rateMediumHigh() ? Quality.MEDIUM : Quality.GOOD;
        String reason = "chamber " + chamber + ": " + hits + " hits (" + num(hits / Math.max(seconds, 1e-9), 0) + " Hz) = "
                + num(100 * ratio, 0) + " % of the expected " + num(expected, 0) + " (reference " + referenceRun + ": "
                + num(referenceHz, 0) + " Hz)";
        return new Judgement(scope, NAME, q, reason, ratio, Map.of("bad_below", t.rateBadLow(), "medium_below", t.rateMediumLow(),
                "medium_above", t.rateMediumHigh(), "bad_above", t.rateBadHigh()), details);
    }
}
