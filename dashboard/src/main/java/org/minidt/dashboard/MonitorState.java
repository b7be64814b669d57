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
 * What the dashboard knows: the latest window, the recent windows (for the trend and /api/windows) and
 * each recent run's cumulative sums. One lock guards it all, so a page subscribing gets a snapshot and then
 * every later window exactly once.
 */
final class MonitorState {
    /** Runs whose sums are kept; older runs are forgotten (their windows remain on the topic). */
    static final int RUNS_KEPT = 4;

    private final long historyMs;
    private final StatusThresholds thresholds;
    private final Deque<WindowSummary> recent = new ArrayDeque<>();
    private final Map<String, RunCumulative> runs = new LinkedHashMap<>();
    private LiveUpdate latest;
    private long newestEndMs = Long.MIN_VALUE;
    private boolean loading = true;
    private long windowsReceived;
    private long duplicateWindows;

    MonitorState(long historyMs, StatusThresholds thresholds) {
        this.historyMs = historyMs;
        this.thresholds = thresholds;
    }

    /**
     * Takes in one window and hands the resulting update to {@code publish} while still holding the lock.
     * A window index already counted for its run is skipped (counted as duplicate) and publishes nothing.
     */
    synchronized void accept(WindowSummary w, Consumer<LiveUpdate> publish) {
        windowsReceived++;
        RunCumulative run = runs.get(w.run());
        if (run == null) {
            run = new RunCumulative(w);
            runs.put(w.run(), run);
            if (runs.size() > RUNS_KEPT) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        if (!run.add(w)) {
            duplicateWindows++;
            return;
        }
        remember(w);
        Cumulative cumulative = run.toCumulative();
        latest = new LiveUpdate(w, System.currentTimeMillis(), cumulative, ChamberStatus.judge(w.chambers(), thresholds),
                ChamberStatus.judge(cumulative.chambers(), thresholds));
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
        return action.apply(new Snapshot(latest, recent.stream().map(TrendPoint::of).toList(), historyMs, thresholds, loading));
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
        RunCumulative sums = wanted == null ? null : runs.get(wanted);
        return sums == null ? null : sums.toCumulative();
    }

    synchronized long windowsReceived() {
        return windowsReceived;
    }

    synchronized long duplicateWindows() {
        return duplicateWindows;
    }
}
