package org.minidt.dashboard;

import java.util.List;
import org.minidt.common.WindowSummary;

/**
 * One window reduced to what the rate trend plots: x is detector time since the run start (the window spans
 * sinceRunStartMs .. + sizeMs), y the hit rate in hits/s, overall and per chamber. Built here only; the page
 * draws the points as they come.
 */
public record TrendPoint(String run, long index, long sinceRunStartMs, long sizeMs, double hitsPerS, List<Double> chamberHitsPerS) {

    static TrendPoint of(WindowSummary w) {
        double seconds = w.window().sizeMs() / 1000.0;
        return new TrendPoint(w.run(), w.window().index(), w.window().sinceRunStartMs(), w.window().sizeMs(), w.totalHits() / seconds,
                w.chambers().stream().map(c -> c.hits() / seconds).toList());
    }

    long endSinceRunStartMs() {
        return sinceRunStartMs + sizeMs;
    }
}
