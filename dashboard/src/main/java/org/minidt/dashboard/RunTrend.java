package org.minidt.dashboard;

import java.util.List;
import java.util.TreeMap;

/**
 * The rate trend of one run: its points in window order (so the line never runs backwards, whatever order
 * windows arrive in), holding the last {@code spanMs} of detector time. The one owner of what the trend
 * keeps: a page drops the points before {@link #fromIndex()} that each update names.
 */
final class RunTrend {
    private final long spanMs;
    private final TreeMap<Long, TrendPoint> points = new TreeMap<>();

    RunTrend(long spanMs) {
        this.spanMs = spanMs;
    }

    void add(TrendPoint p) {
        points.put(p.index(), p);
        long newestEnd = points.lastEntry().getValue().endSinceRunStartMs();
        while (points.firstEntry().getValue().endSinceRunStartMs() <= newestEnd - spanMs) {
            points.pollFirstEntry();
        }
    }

    List<TrendPoint> points() {
        return List.copyOf(points.values());
    }

    /** Index of the oldest point kept. */
    long fromIndex() {
        return points.firstKey();
    }
}
