package org.minidt.dashboard;

import java.util.List;
import org.minidt.common.WindowSummary;

/** One window reduced to what the rate trend plots: hits per window, overall and per chamber. */
public record TrendPoint(String run, long index, long wallStartMs, long wallEndMs, long sizeMs, long totalHits,
        List<Long> chamberHits) {

    static TrendPoint of(WindowSummary w) {
        return new TrendPoint(w.run(), w.window().index(), w.window().wallStartMs(), w.window().wallEndMs(),
                w.window().sizeMs(), w.totalHits(), w.chambers().stream().map(WindowSummary.ChamberSummary::hits).toList());
    }
}
