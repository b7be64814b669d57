package org.minidt.quality;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;

/**
 * Worst-of aggregation (ALICE QualityControl's WorstOfAll): a chamber is as bad as its worst check or cell, the
 * detector as its worst chamber. KNOWN cells count as good; NULL only wins when nothing could be judged.
 * The reason is the worst one's, with how many more problems there are.
 */
final class Aggregation {
    static final String NAME = "summary";

    private Aggregation() {
    }

    static Judgement worstOf(Scope scope, List<Judgement> parts) {
        Judgement worst = parts.stream().max(Comparator.comparingInt((Judgement j) -> rankOf(j.quality()))).orElse(null);
        long problems = parts.stream().filter(j -> j.quality() == Quality.BAD || j.quality() == Quality.MEDIUM).count();
        long known = parts.stream().filter(j -> j.quality() == Quality.KNOWN).count();
        String knownNote = known == 0 ? "" : " (" + known + " known-bad " + (known == 1 ? "cell" : "cells") + " in the reference)";
        if (worst == null || worst.quality() == Quality.NULL) {
            return new Judgement(scope, NAME, Quality.NULL, scope.label() + ": not enough statistics to judge yet" + knownNote,
                    null, Map.of(), Map.of("problems", 0.0, "known", (double) known));
        }
        Quality q = worst.quality() == Quality.KNOWN ? Quality.GOOD : worst.quality();
        String reason = q == Quality.GOOD ? scope.label() + ": all checks good" + knownNote
                : worst.reason() + (problems > 1 ? " (+" + (problems - 1) + " more)" : "");
        return new Judgement(scope, NAME, q, reason, null, Map.of(), Map.of("problems", (double) problems, "known", (double) known));
    }

    /** KNOWN ranks with GOOD here: a known-bad cell is not a problem of the chamber. */
    private static int rankOf(Quality q) {
        return q == Quality.KNOWN ? Quality.GOOD.rank() - 1 : q.rank();
    }
}
