package org.minidt.emulator;

import org.minidt.common.DaqFormat;
import org.minidt.common.DaqWordParser;
import org.minidt.common.S3Settings;
import org.minidt.common.UserError;

/**
 * What to send and how. Each part is a small record holding its own defaults (the command line's defaults
 * are these constants), and settings a user can get wrong are checked where they are held, as {@link UserError}s.
 *
 * @param emulatorId names this emulator's position and transactions: one running emulator per id
 * @param source where the words come from
 * @param formats the format of each object
 * @param pacing how fast to send (changeable while running)
 * @param runs run id, loop mode and whether to resume
 * @param sending frames and transactions
 * @param control the HTTP control endpoint
 */
public record EmulatorConfig(String bootstrapServers, String emulatorId, EmulatorSource source, FormatRules formats,
                             Pacing pacing, Runs runs, Sending sending, ControlEndpoint control) {
    public static final String DEFAULT_EMULATOR_ID = "emulator";

    public EmulatorConfig {
        if (emulatorId == null || emulatorId.isBlank()) {
            throw new UserError("--emulator-id must not be blank");
        }
    }

    /**
     * Which runs to send.
     *
     * @param runId base run id, or null for run-&lt;UTC date-time&gt; (live-&lt;UTC date-time&gt; when following)
     * @param loop replay again and again, each pass a new run
     * @param fromStart ignore the saved position and start a new run from the first line
     */
    public record Runs(String runId, boolean loop, boolean fromStart) {
        /** One run, resumed if this emulator id stopped midway. */
        public static Runs once(String runId) {
            return new Runs(runId, false, false);
        }
    }

    /**
     * How words go out.
     *
     * @param frameDelayMs longest time a word waits in a frame before it is sent
     * @param commitIntervalMs how often the transaction (words + position) is committed
     * @param progressIntervalMs how often a PROGRESS marker says how far the source is, also while it waits
     * @param maxLineBytes longest line sent; a longer one is dead-lettered by the emulator (far below Kafka's 1 MB
     *                     record limit, so a frame of such lines always fits)
     */
    public record Sending(long frameDelayMs, long commitIntervalMs, long progressIntervalMs, int maxLineBytes) {
        public static final long DEFAULT_FRAME_DELAY_MS = 20;
        public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
        public static final long DEFAULT_PROGRESS_INTERVAL_MS = 1000;
        public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
        /** A frame closes at 128 KiB, so with lines up to this it stays under 640 KiB, below Kafka's default 1 MB. */
        public static final int LARGEST_MAX_LINE_BYTES = 512 * 1024;
        public static final Sending DEFAULTS = new Sending(DEFAULT_FRAME_DELAY_MS, DEFAULT_COMMIT_INTERVAL_MS, DEFAULT_PROGRESS_INTERVAL_MS,
                DEFAULT_MAX_LINE_BYTES);

        public Sending {
            if (frameDelayMs < 0 || commitIntervalMs <= 0 || progressIntervalMs <= 0) {
                throw new UserError("--frame-delay-ms must be >= 0, --commit-interval-ms and --progress-interval-ms > 0, not "
                        + frameDelayMs + ", " + commitIntervalMs + " and " + progressIntervalMs);
            }
            if (maxLineBytes < DaqWordParser.MAX_LINE_BYTES || maxLineBytes > LARGEST_MAX_LINE_BYTES) {
                throw new UserError("--max-line-bytes must be " + DaqWordParser.MAX_LINE_BYTES + ".." + LARGEST_MAX_LINE_BYTES
                        + " (a word is at most " + DaqWordParser.MAX_LINE_BYTES + " bytes; a frame must fit a Kafka record), not " + maxLineBytes);
            }
        }
    }

    /**
     * The HTTP control endpoint.
     *
     * @param port 0 for any free port, -1 for none
     */
    public record ControlEndpoint(String host, int port) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 0;
        public static final ControlEndpoint NONE = new ControlEndpoint(DEFAULT_HOST, -1);

        boolean enabled() {
            return port >= 0;
        }
    }

    /** {@code source} with the default format {@code format}, sent once as run {@code runId}, defaults for the rest, no control endpoint. */
    public static EmulatorConfig of(String bootstrapServers, String emulatorId, EmulatorSource source, DaqFormat format,
                                    Pacing pacing, String runId) {
        return new EmulatorConfig(bootstrapServers, emulatorId, source, FormatRules.of(format), pacing, Runs.once(runId),
                Sending.DEFAULTS, ControlEndpoint.NONE);
    }

    /**
     * Replays every object under {@code prefix} of an S3 bucket, with defaults for the rest and no control endpoint.
     * {@code runId} may be null (run-&lt;UTC date-time&gt;).
     */
    public static EmulatorConfig s3Replay(String bootstrapServers, S3Settings s3, String prefix, DaqFormat format,
                                          Pacing pacing, boolean loop, String runId, String emulatorId) {
        return of(bootstrapServers, emulatorId, new EmulatorSource.S3Prefix(s3, prefix), format, pacing, runId)
                .withRuns(new Runs(runId, loop, false));
    }

    public EmulatorConfig withFormats(FormatRules formats) {
        return new EmulatorConfig(bootstrapServers, emulatorId, source, formats, pacing, runs, sending, control);
    }

    public EmulatorConfig withRuns(Runs runs) {
        return new EmulatorConfig(bootstrapServers, emulatorId, source, formats, pacing, runs, sending, control);
    }

    public EmulatorConfig withSending(Sending sending) {
        return new EmulatorConfig(bootstrapServers, emulatorId, source, formats, pacing, runs, sending, control);
    }

    public EmulatorConfig withControl(ControlEndpoint control) {
        return new EmulatorConfig(bootstrapServers, emulatorId, source, formats, pacing, runs, sending, control);
    }
}
