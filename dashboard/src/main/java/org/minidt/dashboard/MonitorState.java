package org.minidt.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.minidt.common.Cumulative;
import org.minidt.common.RunCumulative;
import org.minidt.common.WindowSummary;

/**
 * What the dashboard knows: the latest window, the recent windows (for /api/windows) and, for each recent
 * run, its cumulative sums and rate trend. One lock guards it all, so a page subscribing gets a snapshot and
 * then every later window exactly once.
 */
final class MonitorState {
    /** Runs whose sums and trend are kept; older runs are forgotten (their windows remain on the topic). */
    static final int RUNS_KEPT = 4;

    private final long historyMs;
    private final StatusThresholds thresholds;
    private final List<List<CellView>> cells;
    private final Deque<WindowSummary> recent = new ArrayDeque<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private LiveUpdate latest;
    private long newestEndMs = Long.MIN_VALUE;
    private boolean loading = true;
    private long windowsReceived;
    private long duplicateWindows;

    /** One run as kept in memory. */
    private static final class Run {
        final RunCumulative sums;
        final RunTrend trend;
        long newestEmittedMs = Long.MIN_VALUE;

        Run(WindowSummary first, long historyMs) {
            sums = new RunCumulative(first);
            trend = new RunTrend(historyMs);
        }
    }

    MonitorState(long historyMs, StatusThresholds thresholds, List<List<CellView>> cells) {
        this.historyMs = historyMs;
        this.thresholds = thresholds;
        this.cells = cells;
    }

    /**
     * Takes in one window and hands the resulting update to {@code publish} while still holding the lock.
     * A window index already counted for its run is skipped (counted as duplicate) and publishes nothing.
     */
    synchronized void accept(WindowSummary w, Consumer<LiveUpdate> publish) {
        windowsReceived++;
        Run run = runs.get(w.run());
        if (run == null) {
            run = new Run(w, historyMs);
            runs.put(w.run(), run);
            if (runs.size() > RUNS_KEPT) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        if (!run.sums.add(w)) {
            duplicateWindows++;
            return;
        }
        TrendPoint point = TrendPoint.of(w);
        run.trend.add(point);
        run.newestEmittedMs = Math.max(run.newestEmittedMs, w.window().emittedMs());
        remember(w);
        Cumulative cumulative = run.sums.toCumulative();
        latest = new LiveUpdate(w, System.currentTimeMillis(), cumulative, ChamberStatus.judge(w.chambers(), thresholds),
                ChamberStatus.judge(cumulative.chambers(), thresholds), point, run.trend.fromIndex());
        publish.accept(latest);
    }

    /** Keeps the windows whose end lies within the history span of the newest one. */
    private void remember(WindowSummary w) {
        recent.addLast(w);
        newestEndMs = Math.max(newestEndMs, w.window().wallEndMs());
        while (recent.peekFirst().window().wallEndMs() < newestEndMs - historyMs) {
            recent.removeFirst();
        }
    }

    /** Runs {@code action} on the current snapshot with no window coming in meanwhile. */
    synchronized <T> T withSnapshot(Function<Snapshot, T> action) {
        List<TrendPoint> trend = latest == null ? List.of() : runs.get(latest.window().run()).trend.points();
        return action.apply(new Snapshot(latest, trend, runs(), historyMs, thresholds, cells, loading, System.currentTimeMillis()));
    }

    /** The runs in memory, oldest first. */
    private List<Snapshot.RunEntry> runs() {
        return runs.entrySet().stream().map(e -> {
            Cumulative c = e.getValue().sums.toCumulative();
            return new Snapshot.RunEntry(e.getKey(), c.windows(), c.lastWindowIndex(), e.getValue().newestEmittedMs);
        }).toList();
    }

    /** The rate trend of a run in memory, or null. */
    synchronized List<TrendPoint> trend(String run) {
        Run r = runs.get(run);
        return r == null ? null : r.trend.points();
    }

    StatusThresholds thresholds() {
        return thresholds;
    }

    synchronized void loaded() {
        loading = false;
    }

    synchronized boolean loading() {
        return loading;
    }

    synchronized LiveUpdate latest() {
        return latest;
    }

    /** Windows received (in arrival order) whose wall-clock end is after {@code sinceMs}, at most {@code limit}, the newest kept. */
    synchronized List<WindowSummary> windowsSince(long sinceMs, int limit) {
        List<WindowSummary> after = recent.stream().filter(w -> w.window().wallEndMs() > sinceMs).toList();
        return after.subList(Math.max(0, after.size() - limit), after.size());
    }

    /** Sums of the given run, or of the latest window's run when {@code run} is null; null when unknown. */
    synchronized Cumulative cumulative(String run) {
        String wanted = run != null ? run : latest == null ? null : latest.window().run();
        Run r = wanted == null ? null : runs.get(wanted);
        return r == null ? null : r.sums.toCumulative();
    }

    /** The sums of every run held, oldest run first. */
    synchronized List<Cumulative> runSums() {
        return runs.values().stream().map(r -> r.sums.toCumulative()).toList();
    }

    synchronized long windowsReceived() {
        return windowsReceived;
    }

    synchronized long duplicateWindows() {
        return duplicateWindows;
    }
}
