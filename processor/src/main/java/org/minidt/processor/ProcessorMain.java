package org.minidt.processor;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.common.Cli;
import org.minidt.common.TopicSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The processor service: runs the monitoring topology until stopped. */
@Command(name = "processor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Aggregates minidt.raw-hits into one window summary per time window on minidt.results.%n"
                + "Every option can also be set by the environment variable named in its description.")
public final class ProcessorMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ProcessorMain.class);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:MINIDT_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (MINIDT_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--application-id", defaultValue = "${env:MINIDT_APPLICATION_ID:-" + ProcessorConfig.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id; instances with the same id share the work (MINIDT_APPLICATION_ID). Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Option(names = "--window-ms", defaultValue = "${env:MINIDT_WINDOW_MS:-1000}",
            description = "Tumbling window size in detector time, 1000..5000 ms (MINIDT_WINDOW_MS). Default: ${DEFAULT-VALUE}")
    long windowMs;

    @Option(names = "--grace-ms", defaultValue = "${env:MINIDT_GRACE_MS:-1000}",
            description = "How far behind the newest hit a hit may arrive and still count (MINIDT_GRACE_MS). Default: ${DEFAULT-VALUE}")
    long graceMs;

    @Option(names = "--quiet-close-ms", defaultValue = "${env:MINIDT_QUIET_CLOSE_MS:-1000}",
            description = "Wall-clock quiet time after which open windows close by the wall clock (MINIDT_QUIET_CLOSE_MS). Default: ${DEFAULT-VALUE}")
    long quietCloseMs;

    @Option(names = "--state-dir", defaultValue = "${env:MINIDT_STATE_DIR:-/tmp/minidt-processor}",
            description = "Local state directory (MINIDT_STATE_DIR). Default: ${DEFAULT-VALUE}")
    Path stateDir;

    @Option(names = "--processing-guarantee", defaultValue = "${env:MINIDT_PROCESSING_GUARANTEE:-exactly_once_v2}",
            description = "exactly_once_v2 or at_least_once (MINIDT_PROCESSING_GUARANTEE). Default: ${DEFAULT-VALUE}")
    String processingGuarantee;

    @Option(names = "--threads", defaultValue = "${env:MINIDT_STREAM_THREADS:-1}",
            description = "Stream threads in this instance (MINIDT_STREAM_THREADS). Default: ${DEFAULT-VALUE}")
    int threads;

    public static void main(String[] args) {
        System.exit(Cli.run(new ProcessorMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = new ProcessorConfig(bootstrapServers, applicationId, windowMs, graceMs, quietCloseMs,
                stateDir, processingGuarantee, threads);
        log.info("processor config: {}", config);
        TopicSetup.ensureTopics(bootstrapServers);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(config), MonitorTopology.streamsProperties(config))) {
            streams.setStateListener((now, before) -> {
                log.info("processor state {} -> {}", before, now);
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streams.close();
                stopped.countDown();
            }));
            streams.start();
            stopped.await();
        }
        return 0;
    }
}
