package org.minidt.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minidt.common.CellMap;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.QualityVerdict.Scope;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * Runs every check on a sample (one window or the run so far) against the setup's reference and aggregates them:
 * the one place that knows which checks there are. No Kafka here.
 */
final class Judge {
    private final Thresholds thresholds;
    private final CellMap cellMap;
    /** Reference time-box fits, by reference run and creation time: a reference is fitted once, not per window. */
    private final Map<String, List<TimeBoxFit.Result>> referenceFits = new HashMap<>();

    Judge(Thresholds thresholds, CellMap cellMap) {
        this.thresholds = thresholds;
        this.cellMap = cellMap;
    }

    /**
     * Every judgement on the sample: per chamber its cells, rate, occupancy and time-box shape, time-box fit and edge
     * shifts and synchronous noise; then each chamber's summary and the detector's. {@code reference} may be null.
     */
    List<Judgement> judge(Sample sample, QualityReference reference, String setup) {
        Thresholds t = thresholds;
        List<Judgement> checks = new ArrayList<>();
        long detectorHits = sample.chambers().stream().mapToLong(c -> c.occupancy().inRange()).sum();
        long referenceDetectorHits = reference == null ? 0 : reference.chambers().stream().mapToLong(c -> c.occupancy().inRange()).sum();
        List<TimeBoxFit.Result> referenceFits = reference == null ? null : fitsOf(reference);
        String noReference = "no reference run for setup '" + setup + "' — make a good run the reference";
        for (ChamberSummary c : sample.chambers()) {
            int chamber = c.chamber();
            Scope scope = Scope.chamber(chamber);
            List<Judgement> parts = new ArrayList<>();
            if (reference == null) {
                parts.add(Judgement.nullFor(scope, ChamberRateCheck.NAME, noReference));
                parts.add(Judgement.nullFor(scope, ShapeCheck.OCCUPANCY, noReference));
                parts.add(Judgement.nullFor(scope, ShapeCheck.TIME_BOX, noReference));
                parts.addAll(TimeBoxCheck.judge(chamber, c.driftTimeNs(), null, null, t));
            } else {
                ChamberSummary r = reference.chambers().get(chamber);
                double refSeconds = reference.span().seconds();
                double[] dispersion = Dispersion.of(r.occupancy(), reference.occupancySpread().get(chamber), reference.span().windows());
                double[] driftDispersion = Dispersion.of(r.driftTimeNs(), reference.driftTimeSpread().get(chamber), reference.span().windows());
                List<Judgement> cells = CellCheck.judge(c, sample.span().seconds(), r, dispersion, refSeconds, reference.run(), cellMap, t);
                parts.addAll(cells);
                parts.add(ChamberRateCheck.judge(chamber, c.occupancy().inRange(), detectorHits, sample.span().seconds(),
                        r.occupancy().inRange(), referenceDetectorHits, refSeconds, reference.run(), t));
                parts.add(ShapeCheck.judge(chamber, ShapeCheck.OCCUPANCY, "occupancy", c.occupancy().binCounts(),
                        r.occupancy().binCounts(), CellCheck.excluded(cells), dispersion, reference.run(), t));
                parts.add(ShapeCheck.judge(chamber, ShapeCheck.TIME_BOX, "time box", c.driftTimeNs().binCounts(),
                        r.driftTimeNs().binCounts(), null, driftDispersion, reference.run(), t));
                parts.addAll(TimeBoxCheck.judge(chamber, c.driftTimeNs(), referenceFits.get(chamber), reference.run(), t));
            }
            parts.add(SyncNoiseCheck.judge(chamber, c.activeChannelsPerOrbit(), t));
            checks.addAll(parts);
        }
        // Summaries by the chamber of the scope: with channel base 1 a histogram's edge channel is a cell of the
        // neighbouring chamber, and counts there, as the page draws it.
        List<Judgement> out = new ArrayList<>(checks);
        List<Judgement> chamberSummaries = new ArrayList<>();
        for (ChamberSummary c : sample.chambers()) {
            Judgement summary = Aggregation.worstOf(Scope.chamber(c.chamber()),
                    checks.stream().filter(j -> j.scope().chamber() == c.chamber()).toList());
            out.add(summary);
            chamberSummaries.add(summary);
        }
        out.add(Aggregation.worstOf(Scope.detector(), chamberSummaries));
        return out;
    }

    /** The judgements as messages of run {@code run}. */
    static List<QualityVerdict> verdicts(String run, Sample sample, QualityReference reference, List<Judgement> judgements, long nowMs) {
        String ref = reference == null ? null : reference.run();
        return judgements.stream().map(j -> new QualityVerdict(QualityVerdict.SCHEMA_VERSION, run, sample.span(), j.scope(), j.check(),
                j.quality(), j.reason(), j.value(), j.thresholds(), j.details(), ref, nowMs)).toList();
    }

    private List<TimeBoxFit.Result> fitsOf(QualityReference reference) {
        String key = reference.run() + "@" + reference.createdMs();
        List<TimeBoxFit.Result> fits = referenceFits.get(key);
        if (fits == null) {
            referenceFits.clear(); // only the current reference is kept
            fits = new ArrayList<>();
            for (ChamberSummary c : reference.chambers()) {
                fits.add(TimeBoxCheck.fitOrNull(c.driftTimeNs(), thresholds, new StringBuilder()));
            }
            referenceFits.put(key, fits);
        }
        return fits;
    }
}
