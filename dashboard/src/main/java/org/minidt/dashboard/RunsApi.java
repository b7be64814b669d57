package org.minidt.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minidt.common.ChamberHistogram;
import org.minidt.common.Cumulative;
import org.minidt.common.Json;
import org.minidt.common.RunSummary;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * Run history and export: the runs the dashboard holds live and those in the archive bucket, any run's
 * sums (live from memory, otherwise from the archive), and each of its histograms as ROOT TH1D JSON or CSV.
 */
final class RunsApi {
    /** {@code chamber0_occupancy.json}: the archive's file names (ChamberHistogram.rootName). */
    private static final Pattern EXPORT = Pattern.compile("chamber([0-3])_([a-z_]+)\\.(json|csv)");

    /** One line of the run list. {@code quality} is the archived overall verdict, null when not judged. */
    record RunEntry(String run, long startMs, long durationMs, long hits, long windows, String quality, boolean ended, boolean live,
                    boolean archived) {
    }

    private final MonitorState state;
    /** Null when the dashboard has no archive bucket. */
    private final ArchivedRuns archive;

    RunsApi(MonitorState state, ArchivedRuns archive) {
        this.state = state;
        this.archive = archive;
    }

    /** GET /api/runs: live and archived runs, newest start first. */
    void runs(Context ctx) {
        Map<String, RunEntry> runs = new LinkedHashMap<>();
        if (archive != null) {
            for (RunSummary s : archive.list()) {
                runs.put(s.run(), new RunEntry(s.run(), s.startMs(), s.durationMs(), s.totalHits(), s.windows(), s.quality(), s.ended(), false, true));
            }
        }
        for (Cumulative c : state.runSums()) {
            RunEntry archived = runs.get(c.run());
            runs.put(c.run(), new RunEntry(c.run(), c.runStartMs(), c.wallEndMs() - c.runStartMs(), c.totalHits(), c.windows(),
                    archived == null ? null : archived.quality(), false, true, archived != null));
        }
        List<RunEntry> list = new ArrayList<>(runs.values());
        list.sort(Comparator.comparingLong(RunEntry::startMs).reversed().thenComparing(RunEntry::run));
        ctx.json(list);
    }

    /** GET /api/runs/{run}: the run's sums with their status tiles, and its archived summary when there is one. */
    void run(Context ctx) {
        String run = ctx.pathParam("run");
        Cumulative c = sums(run);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", state.cumulative(run) != null ? "live" : "archive");
        body.put("summary", archive == null ? null : archive.summary(run));
        body.put("cumulative", c);
        body.put("status", ChamberStatus.judge(c.chambers(), state.thresholds()));
        ctx.json(body);
    }

    /** GET /api/runs/{run}/windows: the archived window series, in index order. */
    void windows(Context ctx) {
        String run = ctx.pathParam("run");
        if (archive == null || archive.summary(run) == null) {
            throw new NotFoundResponse("run '" + run + "' is not in the archive");
        }
        ctx.json(archive.windows(run));
    }

    /** GET /api/runs/{run}/export/chamber{c}_{histogram}.json|csv: one run-cumulative histogram as ROOT TH1D JSON or CSV. */
    void export(Context ctx) {
        String run = ctx.pathParam("run");
        Matcher m = EXPORT.matcher(ctx.pathParam("file"));
        ChamberHistogram histogram = m.matches() ? histogram(m.group(2)) : null;
        if (histogram == null) {
            throw new NotFoundResponse("no such export '" + ctx.pathParam("file") + "': use chamber<0-3>_<histogram>.json or .csv, "
                    + "histogram one of occupancy, active_channels_per_orbit, matched_occupancy, drift_time_ns");
        }
        ChamberSummary chamber = sums(run).chambers().get(Integer.parseInt(m.group(1)));
        String file = run + "_" + histogram.rootName(chamber.chamber()) + "." + m.group(3);
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        if (m.group(3).equals("json")) {
            ctx.contentType("application/json").result(Json.toString(histogram.toTh1(run, chamber)));
        } else {
            ctx.contentType("text/csv").result(HistogramCsv.of(histogram.of(chamber)));
        }
    }

    /** Live sums when the dashboard holds the run, else the archived ones. */
    private Cumulative sums(String run) {
        Cumulative c = state.cumulative(run);
        if (c == null && archive != null) {
            c = archive.cumulative(run);
        }
        if (c == null) {
            throw new NotFoundResponse("run '" + run + "' is neither live on this dashboard nor in the archive");
        }
        return c;
    }

    private static ChamberHistogram histogram(String id) {
        for (ChamberHistogram h : ChamberHistogram.values()) {
            if (h.id.equals(id)) {
                return h;
            }
        }
        return null;
    }
}
