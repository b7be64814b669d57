package org.minidt.dashboard;

import java.util.List;
import org.minidt.common.Cumulative;
import org.minidt.common.WindowSummary;

/**
 * What a browser receives for each new window (SSE event "window"): the window, its run's sums so far and
 * the status verdicts on both, computed once on the server so every page and the API agree, and the
 * window's point of its run's rate trend.
 *
 * @param receivedMs the dashboard's wall-clock time when it read the window from Kafka
 * @param trendPoint the window's point on its run's rate trend
 * @param trendFromIndex the oldest window index the run's trend still keeps: a page drops older points
 */
public record LiveUpdate(WindowSummary window, long receivedMs, Cumulative cumulative, List<ChamberStatus> windowStatus,
        List<ChamberStatus> cumulativeStatus, TrendPoint trendPoint, long trendFromIndex) {
}
