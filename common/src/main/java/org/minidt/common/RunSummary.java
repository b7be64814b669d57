package org.minidt.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code runs/<run>/summary.json} in the results archive ({@link RunArchive}): what a run list shows, and the
 * manifest of the run's other objects. Written after every part it names, so a reader who finds a summary
 * finds its parts, each at least as new as the summary.
 *
 * @param ended      the run is over (the archiver saw its end, or no window of it for its quiet time); the
 *                   objects are final unless a later window reopens it
 * @param startMs    wall-clock run start (epoch ms), as the windows carry it
 * @param endMs      wall-clock end of the run's last window
 * @param chamberHits hits per chamber 0..3 over the run
 * @param quality    the run's overall quality (the detector-wide "summary" verdict over the whole run: GOOD,
 *                   MEDIUM, BAD, ...); null while the quality service has not judged the run
 * @param verdicts   the newest whole-run verdict of each scope and check, as the quality service published
 *                   them on minidt.quality (schema: quality-verdict.schema.json), by scope label then check
 */
public record RunSummary(
        int schema,
        String run,
        boolean ended,
        long startMs,
        long endMs,
        long durationMs,
        long windowSizeMs,
        long windows,
        long firstWindowIndex,
        long lastWindowIndex,
        long wordsRead,
        long totalHits,
        List<Long> chamberHits,
        String quality,
        List<JsonNode> verdicts,
        Parts parts) {

    public static final int SCHEMA_VERSION = 1;

    /** Keys of the run's other objects in the bucket. */
    public record Parts(String cumulative, List<String> windows, List<String> histograms) {
    }

    public static RunSummary of(Cumulative c, long windowSizeMs, boolean ended, String quality, List<JsonNode> verdicts, Parts parts) {
        return new RunSummary(SCHEMA_VERSION, c.run(), ended, c.runStartMs(), c.wallEndMs(), c.wallEndMs() - c.runStartMs(),
                windowSizeMs, c.windows(), c.firstWindowIndex(), c.lastWindowIndex(), c.accounting().wordsRead(), c.totalHits(),
                c.chambers().stream().map(WindowSummary.ChamberSummary::hits).toList(), quality, verdicts, parts);
    }
}
