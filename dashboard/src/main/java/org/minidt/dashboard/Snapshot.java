package org.minidt.dashboard;

import java.util.List;

/**
 * Everything a page needs to draw at once (SSE event "snapshot", sent first on every connection):
 * the latest window with its run's sums, the recent trend, and the status thresholds in force.
 *
 * @param latest null while no window has been seen
 * @param historyMs span of the trend the page keeps
 * @param loading true while the service is still reading back the results topic
 */
public record Snapshot(LiveUpdate latest, List<TrendPoint> trend, long historyMs, StatusThresholds thresholds, boolean loading) {
}
