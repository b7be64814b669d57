package org.minidt.processor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.common.Binning;
import org.minidt.common.Cli;
import org.minidt.common.KafkaOption;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The processor service: runs the monitoring topology until stopped. */
@Command(name = "processor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Aggregates minidt.raw-hits into one window summary per time window on minidt.results.%n"
                + "Every option can also be set by the environment variable named in its description.")
public final class ProcessorMain implements Callable<Integer> {
    /** Exit code after Kafka Streams stopped on an error (2 is a user error, see {@link Cli}). */
    static final int EXIT_STREAMS_FAILED = 1;
    /** A SIGTERM lets the instance commit and leave the group; bounded so a stop never hangs. */
    private static final Duration GRACEFUL_CLOSE = Duration.ofSeconds(30);
    /** After an error there is nothing to save: exit within seconds whatever Kafka Streams' threads are waiting for. */
    private static final Duration FAILED_CLOSE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ProcessorMain.class);

    @Mixin
    KafkaOption kafka;

    @Option(names = "--application-id", defaultValue = "${env:MINIDT_APPLICATION_ID:-" + ProcessorConfig.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id; instances with the same id share the runs (MINIDT_APPLICATION_ID). Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Option(names = "--window-ms", defaultValue = "${env:MINIDT_WINDOW_MS:-" + ProcessorConfig.DEFAULT_WINDOW_MS + "}",
            description = "Tumbling window size in detector time, 1000..5000 ms (MINIDT_WINDOW_MS). Default: ${DEFAULT-VALUE}")
    long windowMs;

    @Option(names = "--grace-ms", defaultValue = "${env:MINIDT_GRACE_MS:-" + ProcessorConfig.DEFAULT_GRACE_MS + "}",
            description = "How far (detector time) behind the newest hit a hit may arrive and still count, 0..60000 ms; later ones count as late "
                    + "(MINIDT_GRACE_MS). Default: ${DEFAULT-VALUE}")
    long graceMs;

    @Option(names = "--source-silence-ms", defaultValue = "${env:MINIDT_SOURCE_SILENCE_MS:-" + ProcessorConfig.DEFAULT_SOURCE_SILENCE_MS + "}",
            description = "After this much wall-clock time without any record (frame or progress marker) of a run, its source is "
                    + "taken to be gone and its open windows close; a paused source keeps sending progress and never "
                    + "triggers it (MINIDT_SOURCE_SILENCE_MS). Default: ${DEFAULT-VALUE}")
    long sourceSilenceMs;

    @Option(names = "--revision-horizon-ms", defaultValue = "${env:MINIDT_REVISION_HORIZON_MS:-" + ProcessorConfig.DEFAULT_REVISION_HORIZON_MS + "}",
            description = "Detector time an emitted window stays revisable after its close: hits for it within this give a "
                    + "revised window, older ones count as late; 0.." + ProcessorConfig.MAX_REVISION_HORIZON_MS
                    + " ms, that much of hits is kept in memory (MINIDT_REVISION_HORIZON_MS). Default: ${DEFAULT-VALUE}")
    long revisionHorizonMs;

    @Option(names = "--matching", defaultValue = "${env:MINIDT_MATCHING:-" + ProcessorConfig.DEFAULT_MATCHING + "}",
            description = "How a chamber hit finds its scintillator time t0: time-window (earliest scintillator hit with "
                    + "start <= t_hit - t0 <= end, across orbits) or same-orbit (earliest scintillator hit of the hit's orbit, "
                    + "the course's rule) (MINIDT_MATCHING). Default: ${DEFAULT-VALUE}")
    String matching;

    @Option(names = "--match-window-start-ns", defaultValue = "${env:MINIDT_MATCH_WINDOW_START_NS:-" + ProcessorConfig.DEFAULT_MATCH_WINDOW_START_NS + "}",
            description = "Start of the time-window match, t_hit - t0 in ns (MINIDT_MATCH_WINDOW_START_NS). Default: ${DEFAULT-VALUE}")
    double matchWindowStartNs;

    @Option(names = "--match-window-end-ns", defaultValue = "${env:MINIDT_MATCH_WINDOW_END_NS:-" + ProcessorConfig.DEFAULT_MATCH_WINDOW_END_NS + "}",
            description = "End of the time-window match, t_hit - t0 in ns (MINIDT_MATCH_WINDOW_END_NS). Default: ${DEFAULT-VALUE}")
    double matchWindowEndNs;

    @Option(names = "--drift-offsets-ns", split = ",", defaultValue = "${env:MINIDT_DRIFT_OFFSETS_NS:-" + ProcessorConfig.DEFAULT_DRIFT_OFFSETS_NS + "}",
            description = "Drift-time offsets of chambers 0..3 in ns: drift time = t_hit - t0 + offset (MINIDT_DRIFT_OFFSETS_NS). "
                    + "Default: ${DEFAULT-VALUE}")
    List<Double> driftOffsetsNs;

    @Option(names = "--drift-min-ns", defaultValue = "${env:MINIDT_DRIFT_MIN_NS:-" + ProcessorConfig.DEFAULT_DRIFT_MIN_NS + "}",
            description = "Lower edge of the drift-time histograms in ns (MINIDT_DRIFT_MIN_NS). Default: ${DEFAULT-VALUE}")
    double driftMinNs;

    @Option(names = "--drift-max-ns", defaultValue = "${env:MINIDT_DRIFT_MAX_NS:-" + ProcessorConfig.DEFAULT_DRIFT_MAX_NS + "}",
            description = "Upper edge of the drift-time histograms in ns (MINIDT_DRIFT_MAX_NS). Default: ${DEFAULT-VALUE}")
    double driftMaxNs;

    @Option(names = "--drift-bins", defaultValue = "${env:MINIDT_DRIFT_BINS:-" + ProcessorConfig.DEFAULT_DRIFT_BINS + "}",
            description = "Number of drift-time bins (MINIDT_DRIFT_BINS). Default: ${DEFAULT-VALUE} (10 ns each)")
    int driftBins;

    @Option(names = "--state-dir", defaultValue = "${env:MINIDT_STATE_DIR:-" + ProcessorConfig.DEFAULT_STATE_DIR + "}",
            description = "Local state directory; one per instance on a host (MINIDT_STATE_DIR). Default: ${DEFAULT-VALUE}")
    Path stateDir;

    @Option(names = "--processing-guarantee", defaultValue = "${env:MINIDT_PROCESSING_GUARANTEE:-" + ProcessorConfig.DEFAULT_PROCESSING_GUARANTEE + "}",
            description = "exactly_once_v2 or at_least_once (MINIDT_PROCESSING_GUARANTEE). Default: ${DEFAULT-VALUE}")
    String processingGuarantee;

    @Option(names = "--threads", defaultValue = "${env:MINIDT_STREAM_THREADS:-" + ProcessorConfig.DEFAULT_STREAM_THREADS + "}",
            description = "Stream threads in this instance (MINIDT_STREAM_THREADS). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--commit-interval-ms", defaultValue = "${env:MINIDT_COMMIT_INTERVAL_MS:-" + ProcessorConfig.DEFAULT_COMMIT_INTERVAL_MS + "}",
            description = "How often Kafka Streams commits; with exactly-once, window messages become visible to read_committed "
                    + "readers at the next commit (MINIDT_COMMIT_INTERVAL_MS). Default: ${DEFAULT-VALUE}")
    long commitIntervalMs;

    @Option(names = "--instance-id", defaultValue = "${env:MINIDT_INSTANCE_ID:-}",
            description = "Static group membership id, unique per instance (e.g. the host name): a crashed instance restarted "
                    + "with the same id takes its runs back at once, not after the 6 s session timeout (MINIDT_INSTANCE_ID). "
                    + "Default: none")
    String instanceId;

    @Option(names = "--metrics-log-interval-ms", defaultValue = "${env:MINIDT_METRICS_LOG_INTERVAL_MS:-" + ProcessorConfig.DEFAULT_METRICS_LOG_INTERVAL_MS + "}",
            description = "Interval of the one-line metrics summary in the log; 0 turns it off (MINIDT_METRICS_LOG_INTERVAL_MS). "
                    + "Default: ${DEFAULT-VALUE}")
    long metricsLogIntervalMs;

    @Option(names = "--metrics-host", defaultValue = "${env:MINIDT_METRICS_HOST:-" + ProcessorConfig.DEFAULT_METRICS_HOST + "}",
            description = "Address the metrics endpoint binds; 0.0.0.0 opens it to the network (MINIDT_METRICS_HOST). Default: ${DEFAULT-VALUE}")
    String metricsHost;

    @Option(names = "--metrics-port", defaultValue = "${env:MINIDT_METRICS_PORT:-" + ProcessorConfig.DEFAULT_METRICS_PORT + "}",
            description = "Port of the HTTP endpoint GET /metrics (JSON) and GET /health (200 while running); -1: none, 0: any free "
                    + "port (logged) (MINIDT_METRICS_PORT). Default: ${DEFAULT-VALUE}")
    int metricsPort;

    public static void main(String[] args) {
        System.exit(Cli.run(new ProcessorMain(), args));
    }

    ProcessorConfig config() {
        Binning driftBinning;
        try {
            driftBinning = new Binning(driftMinNs, driftMaxNs, driftBins);
        } catch (IllegalArgumentException e) {
            throw new UserError("--drift-min-ns, --drift-max-ns, --drift-bins: " + e.getMessage());
        }
        return new ProcessorConfig(kafka.bootstrapServers(), applicationId, windowMs, graceMs, sourceSilenceMs, revisionHorizonMs, stateDir,
                ProcessorConfig.ProcessingGuarantee.fromId(processingGuarantee), threads, Matching.fromId(matching), matchWindowStartNs,
                matchWindowEndNs, driftOffsetsNs, driftBinning, metricsLogIntervalMs, commitIntervalMs, instanceId, metricsHost, metricsPort);
    }

    /** The HTTP metrics endpoint, or null when none is configured. */
    private static MetricsHttpServer startHttp(ProcessorConfig config, Supplier<MetricsSnapshot> snapshot) {
        if (config.metricsPort() < 0) {
            return null;
        }
        try {
            MetricsHttpServer http = new MetricsHttpServer(config.metricsHost(), config.metricsPort(), snapshot);
            log.info("metrics on http://{}:{}/metrics, health on /health", config.metricsHost(), http.address().getPort());
            return http;
        } catch (IOException e) {
            throw new UserError("cannot serve metrics on " + config.metricsHost() + ":" + config.metricsPort() + " (" + e.getMessage()
                    + "): choose another --metrics-host / --metrics-port, or --metrics-port -1 for none");
        }
    }

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = config();
        log.info("processor config: {}", config);
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean failed = new AtomicBoolean();
        AtomicBoolean closing = new AtomicBoolean();
        ScheduledExecutorService metricsLog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-log");
            t.setDaemon(true);
            return t;
        });
        KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(config), MonitorTopology.streamsProperties(config));
        try (MetricsHttpServer http = startHttp(config, () -> MetricsSnapshot.of(streams))) {
            streams.setUncaughtExceptionHandler(new StreamsFailurePolicy());
            streams.setStateListener((now, before) -> {
                log.info("processor state {} -> {}", before, now);
                if (now == KafkaStreams.State.PENDING_ERROR || now == KafkaStreams.State.ERROR) {
                    failed.set(true);
                }
                if (now == KafkaStreams.State.PENDING_ERROR || now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                    stopped.countDown();
                }
            });
            // A stopped instance leaves the group, so the others take over its runs at once (scale-down, rolling update).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (closing.getAndSet(true)) {
                    return;
                }
                metricsLog.shutdownNow();
                log.info("stopping, last {}", MetricsSnapshot.of(streams).line());
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(GRACEFUL_CLOSE));
                stopped.countDown();
            }));
            streams.start();
            if (config.metricsLogIntervalMs() > 0) {
                metricsLog.scheduleAtFixedRate(() -> log.info(MetricsSnapshot.of(streams).line()), config.metricsLogIntervalMs(),
                        config.metricsLogIntervalMs(), TimeUnit.MILLISECONDS);
            }
            stopped.await();
        } finally {
            metricsLog.shutdownNow();
        }
        if (failed.get() && !closing.getAndSet(true)) {
            // Kafka Streams stopped on an error (logged above by the failure policy). Its own shutdown can hang (a
            // producer close waiting for a broker), so the close is bounded and the exit code tells the supervisor
            // (compose restart: on-failure, systemd) to start a fresh processor, which resumes from the last commit.
            log.error("processor stopped on an error: exiting with code {} so that it is restarted", EXIT_STREAMS_FAILED);
            if (!streams.close(CloseOptions.timeout(FAILED_CLOSE))) {
                log.warn("Kafka Streams did not finish closing within {}; exiting anyway", FAILED_CLOSE);
            }
            return EXIT_STREAMS_FAILED;
        }
        return 0;
    }
}
