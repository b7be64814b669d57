package org.minidt.emulator;

import java.nio.file.Path;
import java.util.List;
import org.minidt.common.DaqFormat;
import org.minidt.common.S3Settings;

/**
 * What to send and how. The source is, in this order of precedence: the synthetic generator
 * ({@code synthetic} not null), announced files ({@code follow}), local {@code files}, or S3 objects.
 *
 * @param s3 where the objects are (S3 replay)
 * @param keys explicit object keys, in order; empty for every key under {@code prefix}
 * @param files local files to replay instead of S3 objects
 * @param synthetic the synthetic source's settings, or null
 * @param follow stream the files announced on minidt.daq-files
 * @param loop replay again and again, each pass a new run
 * @param runId base run id, or null for run-&lt;UTC date-time&gt; (live-&lt;UTC date-time&gt; when following)
 * @param emulatorId names this emulator's position and transactions: one running emulator per id
 * @param fromStart ignore the saved position and start a new run from the first line
 * @param frameDelayMs longest time a word waits in a frame before it is sent
 * @param commitIntervalMs how often the transaction (words + position) is committed
 * @param controlPort port of the HTTP control endpoint: 0 for any free port, -1 for none
 */
public record EmulatorConfig(String bootstrapServers, S3Settings s3, String prefix, List<String> keys, List<Path> files,
                             SyntheticConfig synthetic, boolean follow, FormatRules formats, Pacing pacing, boolean loop,
                             String runId, String emulatorId, boolean fromStart, long frameDelayMs, long commitIntervalMs,
                             String controlHost, int controlPort) {
    public static final long DEFAULT_FRAME_DELAY_MS = 20;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;

    public EmulatorConfig {
        keys = List.copyOf(keys);
        files = List.copyOf(files);
    }

    /**
     * Replays every object under {@code prefix} of an S3 bucket, with defaults for the rest and no control endpoint.
     * {@code runId} may be null (run-&lt;UTC date-time&gt;).
     */
    public static EmulatorConfig s3Replay(String bootstrapServers, S3Settings s3, String prefix, DaqFormat format,
                                          Pacing pacing, boolean loop, String runId, String emulatorId) {
        return new EmulatorConfig(bootstrapServers, s3, prefix, List.of(), List.of(), null, false, FormatRules.of(format),
                pacing, loop, runId, emulatorId, false, DEFAULT_FRAME_DELAY_MS, DEFAULT_COMMIT_INTERVAL_MS, "127.0.0.1", -1);
    }
}
