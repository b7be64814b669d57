package org.minidt.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.DaqTime;
import org.minidt.common.Identified;
import org.minidt.common.UserError;

/**
 * Settings of the monitoring topology and its Kafka Streams runtime. Every default is a {@code DEFAULT_...} constant
 * here, used by {@link #defaults}, by the command line ({@link ProcessorMain}'s option defaults) and checked against
 * docker-compose.yml and docs/processor.md by a test. Start from {@link #defaults} and change single settings with the
 * {@code with...} methods. Bad values are {@link UserError}s naming the flag.
 *
 * @param windowMs tumbling window size in detector time, 1000..5000 ms
 * @param graceMs how far behind the newest hit a hit may arrive and still count in its window
 * @param sourceSilenceMs after this much wall-clock time without any record (frame or marker) of a run, its open
 *                        windows close: its source is taken to be gone (a paused source keeps sending progress)
 * @param revisionHorizonMs detector time an emitted window stays revisable after its close: hits for it within this
 *                          produce a revised window, older ones are late (its hits are kept in memory that long)
 * @param matching how chamber hits are matched to the scintillator time t0
 * @param matchWindowStartNs lower end of t_hit - t0 for {@link Matching#TIME_WINDOW} (inclusive)
 * @param matchWindowEndNs upper end of t_hit - t0 for {@link Matching#TIME_WINDOW} (inclusive)
 * @param driftOffsetsNs drift-time offset of chambers 0..3: drift time = t_hit - t0 + offset[chamber]
 * @param driftBinning binning of the drift-time histograms, in ns
 * @param metricsLogIntervalMs interval of the one-line metrics summary in the log (0: none)
 * @param commitIntervalMs how often Kafka Streams commits (with exactly-once: how soon results become visible)
 * @param instanceId static group membership id ("" for none): a restarted instance with the same id takes its
 *                   runs back at once instead of after the session timeout
 * @param metricsHost address the HTTP /metrics and /health endpoint binds
 * @param metricsPort port of the HTTP /metrics and /health endpoint (-1: none, 0: any free port)
 */
public record ProcessorConfig(
        String bootstrapServers,
        String applicationId,
        long windowMs,
        long graceMs,
        long sourceSilenceMs,
        long revisionHorizonMs,
        Path stateDir,
        ProcessingGuarantee processingGuarantee,
        int streamThreads,
        Matching matching,
        double matchWindowStartNs,
        double matchWindowEndNs,
        List<Double> driftOffsetsNs,
        Binning driftBinning,
        long metricsLogIntervalMs,
        long commitIntervalMs,
        String instanceId,
        String metricsHost,
        int metricsPort) {

    public static final String DEFAULT_APPLICATION_ID = "minidt-processor";
    public static final long DEFAULT_WINDOW_MS = 1000;
    public static final long DEFAULT_GRACE_MS = 1000;
    /** Far from any live source's gap (an emulator restart takes ~5 s; it sends progress every second). */
    public static final long DEFAULT_SOURCE_SILENCE_MS = 30_000;
    public static final long DEFAULT_REVISION_HORIZON_MS = 10_000;
    public static final String DEFAULT_STATE_DIR = "/tmp/minidt-processor";
    public static final String DEFAULT_PROCESSING_GUARANTEE = "exactly_once_v2";
    public static final int DEFAULT_STREAM_THREADS = 1;
    public static final String DEFAULT_MATCHING = "time-window";
    public static final double DEFAULT_MATCH_WINDOW_START_NS = -100;
    public static final double DEFAULT_MATCH_WINDOW_END_NS = 500;
    /** The course's offsets: 95.0 ns scintillator delay plus a per-chamber correction. */
    public static final String DEFAULT_DRIFT_OFFSETS_NS = "93.9,101.4,95.5,92.4";
    /**
     * -100..700 ns in 80 bins of 10 ns (= 12 TDC ticks): the ~400 ns time box with room on both sides, and every
     * hit the default time window can match (-100..+500 ns plus offsets of 92..102 ns) lands inside a bin.
     */
    public static final double DEFAULT_DRIFT_MIN_NS = -100;
    public static final double DEFAULT_DRIFT_MAX_NS = 700;
    public static final int DEFAULT_DRIFT_BINS = 80;
    public static final long DEFAULT_METRICS_LOG_INTERVAL_MS = 10_000;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final String DEFAULT_METRICS_HOST = "127.0.0.1";
    public static final int DEFAULT_METRICS_PORT = -1;

    public static final long MAX_GRACE_MS = 60_000;
    public static final long MAX_REVISION_HORIZON_MS = 600_000;
    public static final List<Double> COURSE_DRIFT_OFFSETS_NS = Arrays.stream(DEFAULT_DRIFT_OFFSETS_NS.split(","))
            .map(Double::valueOf).toList();
    public static final Binning DEFAULT_DRIFT_BINNING = new Binning(DEFAULT_DRIFT_MIN_NS, DEFAULT_DRIFT_MAX_NS, DEFAULT_DRIFT_BINS);

    /** Kafka Streams' processing guarantees this service supports. */
    public enum ProcessingGuarantee implements Identified {
        EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2), AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE);

        private final String id;

        ProcessingGuarantee(String id) {
            this.id = id;
        }

        /** The value of Kafka Streams' processing.guarantee, and of the flag. */
        @Override
        public String id() {
            return id;
        }

        public static ProcessingGuarantee fromId(String id) {
            return Identified.fromId(ProcessingGuarantee.class, id, "--processing-guarantee");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    public ProcessorConfig {
        require(windowMs >= 1000 && windowMs <= 5000, "--window-ms must be 1000..5000, got " + windowMs);
        require(graceMs >= 0 && graceMs <= MAX_GRACE_MS,
                "--grace-ms must be 0.." + MAX_GRACE_MS + " (the hits of window + grace are kept in memory), got " + graceMs);
        require(sourceSilenceMs >= 1, "--source-silence-ms must be at least 1, got " + sourceSilenceMs);
        require(revisionHorizonMs >= 0 && revisionHorizonMs <= MAX_REVISION_HORIZON_MS, "--revision-horizon-ms must be 0.."
                + MAX_REVISION_HORIZON_MS + " (the hits of that much detector time are kept in memory), got " + revisionHorizonMs);
        require(streamThreads >= 1, "--threads must be at least 1, got " + streamThreads);
        require(matchWindowStartNs <= matchWindowEndNs, "--match-window-start-ns must not be after --match-window-end-ns, got "
                + matchWindowStartNs + ".." + matchWindowEndNs + " ns");
        require(driftOffsetsNs.size() == Chamber.values().length,
                "--drift-offsets-ns needs one drift-time offset per chamber (4), got " + driftOffsetsNs.size());
        require(metricsPort >= -1 && metricsPort <= 65535, "--metrics-port must be -1 (none), 0 (any free port) or 1..65535, got " + metricsPort);
        require(commitIntervalMs >= 1, "--commit-interval-ms must be at least 1, got " + commitIntervalMs);
        require(metricsLogIntervalMs >= 0, "--metrics-log-interval-ms must not be negative, got " + metricsLogIntervalMs);
        driftOffsetsNs = List.copyOf(driftOffsetsNs);
        instanceId = instanceId == null ? "" : instanceId.strip();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserError(message);
        }
    }

    public static ProcessorConfig defaults(String bootstrapServers, Path stateDir) {
        return new ProcessorConfig(bootstrapServers, DEFAULT_APPLICATION_ID, DEFAULT_WINDOW_MS, DEFAULT_GRACE_MS, DEFAULT_SOURCE_SILENCE_MS,
                DEFAULT_REVISION_HORIZON_MS, stateDir, ProcessingGuarantee.fromId(DEFAULT_PROCESSING_GUARANTEE), DEFAULT_STREAM_THREADS,
                Matching.fromId(DEFAULT_MATCHING), DEFAULT_MATCH_WINDOW_START_NS, DEFAULT_MATCH_WINDOW_END_NS, COURSE_DRIFT_OFFSETS_NS,
                DEFAULT_DRIFT_BINNING, DEFAULT_METRICS_LOG_INTERVAL_MS, DEFAULT_COMMIT_INTERVAL_MS, "", DEFAULT_METRICS_HOST,
                DEFAULT_METRICS_PORT);
    }

    /** The same settings for another Kafka cluster (e.g. one started after the settings were checked). */
    public ProcessorConfig withBootstrapServers(String bootstrapServers) {
        return with("bootstrapServers", bootstrapServers);
    }

    public ProcessorConfig withApplicationId(String id) {
        return with("applicationId", id);
    }

    public ProcessorConfig withWindowMs(long windowMs) {
        return with("windowMs", windowMs);
    }

    public ProcessorConfig withGraceMs(long graceMs) {
        return with("graceMs", graceMs);
    }

    public ProcessorConfig withSourceSilenceMs(long sourceSilenceMs) {
        return with("sourceSilenceMs", sourceSilenceMs);
    }

    public ProcessorConfig withRevisionHorizonMs(long revisionHorizonMs) {
        return with("revisionHorizonMs", revisionHorizonMs);
    }

    public ProcessorConfig withMatching(Matching matching) {
        return with("matching", matching);
    }

    public ProcessorConfig withProcessingGuarantee(ProcessingGuarantee guarantee) {
        return with("processingGuarantee", guarantee);
    }

    public ProcessorConfig withCommitIntervalMs(long commitIntervalMs) {
        return with("commitIntervalMs", commitIntervalMs);
    }

    /**
     * A copy with one component changed, validated again by the constructor. Generic over the record's components,
     * so adding a setting is one component, one default and one {@code with...} line.
     */
    private ProcessorConfig with(String component, Object value) {
        RecordComponent[] components = ProcessorConfig.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                found |= components[i].getName().equals(component);
                args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(this);
            }
            if (!found) {
                throw new IllegalArgumentException("ProcessorConfig has no component " + component);
            }
            return ProcessorConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    long windowTicks() {
        return windowMs * DaqTime.TICKS_PER_MS;
    }

    /** A window closes this long after its end in stream time: grace, then the match reach so every t0 its hits need is in. */
    long closeAfterEndTicks() {
        return graceMs * DaqTime.TICKS_PER_MS + matchAheadTicks();
    }

    long revisionHorizonTicks() {
        return revisionHorizonMs * DaqTime.TICKS_PER_MS;
    }

    /** Lowest t_hit - t0 that matches, in whole ticks (1 tick = 5/6 ns). */
    long matchStartTicks() {
        return (long) Math.ceil(matchWindowStartNs * 6 / 5);
    }

    /** Highest t_hit - t0 that matches, in whole ticks. */
    long matchEndTicks() {
        return (long) Math.floor(matchWindowEndNs * 6 / 5);
    }

    /**
     * How far past a hit a scintillator hit may lie and still be its t0: the rest of the orbit for same-orbit
     * matching, -start for the time window. A window closes this much after end + grace, so its t0s are all in.
     */
    long matchAheadTicks() {
        return matching == Matching.SAME_ORBIT ? DaqTime.TICKS_PER_ORBIT : Math.max(0, -matchStartTicks());
    }

    /** How far before a hit its t0 may lie: scintillator hits older than that are no longer needed. */
    long matchBehindTicks() {
        return matching == Matching.SAME_ORBIT ? DaqTime.TICKS_PER_ORBIT : Math.max(0, matchEndTicks());
    }
}
