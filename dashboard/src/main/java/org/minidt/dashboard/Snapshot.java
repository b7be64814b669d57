package org.minidt.dashboard;

import java.util.List;

/**
 * Everything a page needs to draw at once (SSE event "snapshot", sent first on every connection):
 * the latest window with its run's sums, that run's rate trend, the runs in memory, the cell layout of the
 * chambers, and the status thresholds in force.
 *
 * @param latest null while no window has been seen
 * @param trend the rate trend of the latest window's run
 * @param historyMs span of detector time a run's trend keeps
 * @param cells per chamber, its 64 cells with their channels (the page colours them from the occupancy)
 * @param loading true while the service is still reading back the results topic
 * @param serverMs the service's clock when the snapshot was made (the page measures freshness on it)
 */
public record Snapshot(LiveUpdate latest, List<TrendPoint> trend, List<RunEntry> runs, long historyMs, StatusThresholds thresholds,
        List<List<CellView>> cells, boolean loading, long serverMs) {

    /** A run in memory, for the page's run picker. */
    public record RunEntry(String run, long windows, long lastWindowIndex, long newestEmittedMs) {
    }
}
