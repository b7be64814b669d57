package org.minidt.archiver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.minidt.common.ChamberHistogram;
import org.minidt.common.Cumulative;
import org.minidt.common.Json;
import org.minidt.common.RunArchive;
import org.minidt.common.RunCumulative;
import org.minidt.common.RunSummary;
import org.minidt.common.WindowSummary;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * One run as the archive holds it: its windows by index (the highest revision of each), the newest quality
 * verdicts, and whether it has ended. Everything written is derived from these alone, so the same messages
 * always give the same objects.
 *
 * <p>A run ends when it holds the window the processor marked {@code last_in_run} (the source ended the run),
 * or, for sources that never say so, after a quiet time without new windows. A change after a quiet end
 * reopens the run; a revision after the source's end does not.
 */
final class ArchivedRun {
    private final String run;
    private final NavigableMap<Long, WindowSummary> windows = new TreeMap<>();
    /** Window parts changed since the last write, by their first index. */
    private final Set<Long> changedParts = new TreeSet<>();
    /** The newest whole-run quality verdict of each scope and check, by "scope label + check". */
    private final Map<String, JsonNode> verdicts = new TreeMap<>();
    private boolean ended;
    /** The run holds its last_in_run window: the source ended it. */
    private boolean endOfRun;
    /** The run was written as ended: later changes (late verdicts, revisions) wait for the write interval. */
    private boolean endWritten;
    /** The summary, cumulative and ROOT objects need writing. */
    private boolean changed;
    private long lastChangeMs;

    ArchivedRun(String run, long nowMs) {
        this.run = run;
        this.lastChangeMs = nowMs;
    }

    /**
     * The run as a previous archiver left it: its windows and summary. The derived objects are written again
     * (identical when the previous archiver finished them), because it may have stopped before the summary.
     */
    static ArchivedRun restored(String run, Collection<WindowSummary> archived, RunSummary summary, long nowMs) {
        ArchivedRun r = new ArchivedRun(run, nowMs);
        archived.forEach(w -> r.windows.put(w.window().index(), w));
        r.endOfRun = archived.stream().anyMatch(w -> w.window().lastInRun());
        if (summary != null) {
            r.ended = summary.ended();
            r.endWritten = summary.ended();
            summary.verdicts().forEach(v -> r.verdicts.put(verdictKey(v), v));
        }
        r.changed = true;
        return r;
    }

    String run() {
        return run;
    }

    /**
     * Takes a window of this run. A copy of one already held, or an older revision of it (a replayed record),
     * changes nothing; the window marked last in run ends the run at once.
     */
    void window(WindowSummary w, long nowMs) {
        WindowSummary before = windows.get(w.window().index());
        if (w.equals(before) || (before != null && before.window().revision() > w.window().revision())) {
            return;
        }
        windows.put(w.window().index(), w);
        changedParts.add(RunArchive.partFirst(w.window().index()));
        endOfRun |= w.window().lastInRun();
        touch(nowMs);
    }

    /**
     * Takes a quality verdict of this run. Only verdicts over the whole run so far are kept (the per-window
     * ones stay on the quality topic); a newer one for the same scope and check replaces the older.
     */
    void verdict(JsonNode v, long nowMs) {
        if (!"run".equals(v.path("span").path("kind").asText())) {
            return;
        }
        if (!v.equals(verdicts.put(verdictKey(v), v))) {
            touch(nowMs);
        }
    }

    private static String verdictKey(JsonNode v) {
        return v.path("scope").path("label").asText() + " " + v.path("check").asText();
    }

    /** The detector-wide summary verdict's quality, or null while there is none. */
    private String quality() {
        return verdicts.values().stream()
                .filter(v -> "detector".equals(v.path("scope").path("kind").asText()) && "summary".equals(v.path("check").asText()))
                .map(v -> v.path("quality").asText(null)).findFirst().orElse(null);
    }

    /** Marks the run ended once it has been quiet for {@code quietMs}; true when that happened now. */
    boolean endIfQuiet(long nowMs, long quietMs) {
        if (ended || windows.isEmpty() || nowMs - lastChangeMs < quietMs) {
            return false;
        }
        ended = true;
        changed = true;
        return true;
    }

    boolean ended() {
        return ended;
    }

    /** The run has ended and is not yet written as ended: write it now rather than at the interval. */
    boolean endToWrite() {
        return ended && !endWritten;
    }

    boolean needsWrite() {
        return changed || !changedParts.isEmpty();
    }

    int windowCount() {
        return windows.size();
    }

    private void touch(long nowMs) {
        changed = true;
        ended = endOfRun;
        endWritten &= ended;
        lastChangeMs = nowMs;
    }

    /**
     * The objects to put, in the order to put them: changed window parts, the cumulative sums and their ROOT
     * histograms, and the summary last.
     */
    Map<String, byte[]> objectsToWrite() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (long first : changedParts) {
            List<WindowSummary> part = List.copyOf(windows.subMap(first, first + RunArchive.WINDOWS_PER_PART).values());
            out.put(RunArchive.windowsKey(run, first), Json.toBytes(part));
        }
        RunCumulative sums = null;
        for (WindowSummary w : windows.values()) {
            if (sums == null) {
                sums = new RunCumulative(w);
            }
            sums.add(w);
        }
        Cumulative cumulative = sums.toCumulative();
        out.put(RunArchive.cumulativeKey(run), Json.toBytes(cumulative));
        List<String> histograms = new ArrayList<>();
        for (ChamberSummary c : cumulative.chambers()) {
            for (ChamberHistogram h : ChamberHistogram.values()) {
                String key = RunArchive.histogramKey(run, c.chamber(), h);
                out.put(key, Json.toBytes(h.toTh1(run, c)));
                histograms.add(key);
            }
        }
        List<String> parts = windows.keySet().stream().map(i -> RunArchive.windowsKey(run, i)).distinct().toList();
        RunSummary summary = RunSummary.of(cumulative, windows.firstEntry().getValue().window().sizeMs(), ended, quality(),
                List.copyOf(verdicts.values()),
                new RunSummary.Parts(RunArchive.cumulativeKey(run), parts, histograms));
        out.put(RunArchive.summaryKey(run), Json.toBytes(summary));
        return out;
    }

    /** Clears the change marks after {@link #objectsToWrite()}'s objects were all put. */
    void written() {
        changedParts.clear();
        changed = false;
        endWritten = ended;
    }
}
