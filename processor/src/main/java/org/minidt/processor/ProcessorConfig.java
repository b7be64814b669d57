package org.minidt.processor;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.DaqTime;

/**
 * Settings of the monitoring topology and its Kafka Streams runtime. Start from {@link #defaults} and change
 * single settings with the {@code with...} methods, so callers do not depend on the list of components.
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
        String processingGuarantee,
        int streamThreads,
        Matching matching,
        double matchWindowStartNs,
        double matchWindowEndNs,
        List<Double> driftOffsetsNs,
        Binning driftBinning,
        long metricsLogIntervalMs,
        long commitIntervalMs,
        String instanceId,
        int metricsPort) {

    public static final String DEFAULT_APPLICATION_ID = "minidt-processor";
    public static final long MAX_GRACE_MS = 60_000;
    public static final long MAX_REVISION_HORIZON_MS = 600_000;
    /** The course's offsets: 95.0 ns scintillator delay plus a per-chamber correction. */
    public static final List<Double> COURSE_DRIFT_OFFSETS_NS = List.of(93.9, 101.4, 95.5, 92.4);
    /**
     * -100..700 ns in 80 bins of 10 ns (= 12 TDC ticks): the ~400 ns time box with room on both sides, and every
     * hit the default time window can match (-100..+500 ns plus offsets of 92..102 ns) lands inside a bin.
     */
    public static final Binning DEFAULT_DRIFT_BINNING = new Binning(-100, 700, 80);

    public ProcessorConfig {
        if (windowMs < 1000 || windowMs > 5000) {
            throw new IllegalArgumentException("window size must be 1000..5000 ms, got " + windowMs);
        }
        if (graceMs < 0 || graceMs > MAX_GRACE_MS) {
            throw new IllegalArgumentException("grace must be 0.." + MAX_GRACE_MS + " ms (the hits of window + grace are kept in memory), got "
                    + graceMs);
        }
        if (sourceSilenceMs < 1) {
            throw new IllegalArgumentException("source-silence timeout must be at least 1 ms, got " + sourceSilenceMs);
        }
        if (revisionHorizonMs < 0 || revisionHorizonMs > MAX_REVISION_HORIZON_MS) {
            throw new IllegalArgumentException("revision horizon must be 0.." + MAX_REVISION_HORIZON_MS
                    + " ms (the hits of that much detector time are kept in memory), got " + revisionHorizonMs);
        }
        if (!(matchWindowStartNs <= matchWindowEndNs)) {
            throw new IllegalArgumentException("match window start must not be after its end, got "
                    + matchWindowStartNs + ".." + matchWindowEndNs + " ns");
        }
        if (driftOffsetsNs.size() != Chamber.values().length) {
            throw new IllegalArgumentException("need one drift-time offset per chamber (4), got " + driftOffsetsNs.size());
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metrics port must be -1 (none), 0 (any free port) or 1..65535, got " + metricsPort);
        }
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("commit interval must be at least 1 ms, got " + commitIntervalMs);
        }
        driftOffsetsNs = List.copyOf(driftOffsetsNs);
        instanceId = instanceId == null ? "" : instanceId.strip();
    }

    public static ProcessorConfig defaults(String bootstrapServers, Path stateDir) {
        return new ProcessorConfig(bootstrapServers, DEFAULT_APPLICATION_ID, 1000, 1000, 30_000, 10_000, stateDir, "exactly_once_v2", 1,
                Matching.TIME_WINDOW, -100, 500, COURSE_DRIFT_OFFSETS_NS, DEFAULT_DRIFT_BINNING, 10_000, 100, "", -1);
    }

    /** The same settings for another Kafka cluster (e.g. one started after the settings were checked). */
    public ProcessorConfig withBootstrapServers(String bootstrapServers) {
        return with(b -> b.bootstrapServers = bootstrapServers);
    }

    public ProcessorConfig withApplicationId(String id) {
        return with(b -> b.applicationId = id);
    }

    public ProcessorConfig withWindowMs(long windowMs) {
        return with(b -> b.windowMs = windowMs);
    }

    public ProcessorConfig withGraceMs(long graceMs) {
        return with(b -> b.graceMs = graceMs);
    }

    public ProcessorConfig withSourceSilenceMs(long sourceSilenceMs) {
        return with(b -> b.sourceSilenceMs = sourceSilenceMs);
    }

    public ProcessorConfig withRevisionHorizonMs(long revisionHorizonMs) {
        return with(b -> b.revisionHorizonMs = revisionHorizonMs);
    }

    public ProcessorConfig withRuntime(String processingGuarantee, int streamThreads, long commitIntervalMs, String instanceId) {
        return with(b -> {
            b.processingGuarantee = processingGuarantee;
            b.streamThreads = streamThreads;
            b.commitIntervalMs = commitIntervalMs;
            b.instanceId = instanceId;
        });
    }

    public ProcessorConfig withMetrics(long metricsLogIntervalMs, int metricsPort) {
        return with(b -> {
            b.metricsLogIntervalMs = metricsLogIntervalMs;
            b.metricsPort = metricsPort;
        });
    }

    public ProcessorConfig withMatching(Matching matching, double matchWindowStartNs, double matchWindowEndNs) {
        return with(b -> {
            b.matching = matching;
            b.matchWindowStartNs = matchWindowStartNs;
            b.matchWindowEndNs = matchWindowEndNs;
        });
    }

    public ProcessorConfig withDriftTime(List<Double> driftOffsetsNs, Binning driftBinning) {
        return with(b -> {
            b.driftOffsetsNs = driftOffsetsNs;
            b.driftBinning = driftBinning;
        });
    }

    /** A copy with some settings changed (and validated again by the constructor). */
    private ProcessorConfig with(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** The settings as mutable fields, for {@link #with}. */
    private static final class Copy {
        String bootstrapServers;
        String applicationId;
        long windowMs;
        long graceMs;
        long sourceSilenceMs;
        long revisionHorizonMs;
        Path stateDir;
        String processingGuarantee;
        int streamThreads;
        Matching matching;
        double matchWindowStartNs;
        double matchWindowEndNs;
        List<Double> driftOffsetsNs;
        Binning driftBinning;
        long metricsLogIntervalMs;
        long commitIntervalMs;
        String instanceId;
        int metricsPort;

        Copy(ProcessorConfig c) {
            bootstrapServers = c.bootstrapServers;
            applicationId = c.applicationId;
            windowMs = c.windowMs;
            graceMs = c.graceMs;
            sourceSilenceMs = c.sourceSilenceMs;
            revisionHorizonMs = c.revisionHorizonMs;
            stateDir = c.stateDir;
            processingGuarantee = c.processingGuarantee;
            streamThreads = c.streamThreads;
            matching = c.matching;
            matchWindowStartNs = c.matchWindowStartNs;
            matchWindowEndNs = c.matchWindowEndNs;
            driftOffsetsNs = c.driftOffsetsNs;
            driftBinning = c.driftBinning;
            metricsLogIntervalMs = c.metricsLogIntervalMs;
            commitIntervalMs = c.commitIntervalMs;
            instanceId = c.instanceId;
            metricsPort = c.metricsPort;
        }

        ProcessorConfig build() {
            return new ProcessorConfig(bootstrapServers, applicationId, windowMs, graceMs, sourceSilenceMs, revisionHorizonMs, stateDir, processingGuarantee,
                    streamThreads, matching, matchWindowStartNs, matchWindowEndNs, driftOffsetsNs, driftBinning, metricsLogIntervalMs,
                    commitIntervalMs, instanceId, metricsPort);
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
