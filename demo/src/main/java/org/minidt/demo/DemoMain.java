package org.minidt.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.archiver.Archiver;
import org.minidt.archiver.ArchiverConfig;
import org.minidt.common.Cli;
import org.minidt.common.DaqFormat;
import org.minidt.common.RunArchive;
import org.minidt.common.S3Settings;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;
import org.minidt.dashboard.Dashboard;
import org.minidt.dashboard.DashboardConfig;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.Emulator;
import org.minidt.emulator.EmulatorConfig;
import org.minidt.emulator.Pacing;
import org.minidt.processor.MonitorTopology;
import org.minidt.processor.ProcessorConfig;
import org.minidt.quality.QualityConfig;
import org.minidt.quality.QualityTopology;
import org.minidt.quality.ReferenceSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline in one process: an in-process Kafka broker and S3 server (seeded with the bundled
 * real data), the emulator replaying Run000591 in a loop, the processor, the quality service (judging each run
 * against the bundled Run000591 reference), the archiver (runs to the bucket {@code minidt-results} on the same S3
 * server) and the dashboard.
 */
@Command(name = "minidt demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the whole miniDT monitor pipeline in one process and prints the dashboard URL.")
public final class DemoMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoMain.class);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:MINIDT_BOOTSTRAP_SERVERS}",
            description = "Use this Kafka cluster instead of the in-process broker (MINIDT_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--s3-endpoint", defaultValue = "${env:MINIDT_S3_ENDPOINT}",
            description = "Use this S3 endpoint (bucket already filled) instead of the in-process server (MINIDT_S3_ENDPOINT).")
    String s3Endpoint;

    @Option(names = "--bucket", defaultValue = "${env:MINIDT_BUCKET:-minidt}", description = "Bucket. Default: ${DEFAULT-VALUE}")
    String bucket;

    @Option(names = "--results-bucket", defaultValue = "${env:MINIDT_RESULTS_BUCKET:-" + RunArchive.DEFAULT_BUCKET + "}",
            description = "Bucket the archiver keeps the runs in, created when missing. Default: ${DEFAULT-VALUE}")
    String resultsBucket;

    @Option(names = "--run-end-quiet-ms", defaultValue = "15000",
            description = "The archiver takes a run without a new window for this long as ended. Default: ${DEFAULT-VALUE}")
    long runEndQuietMs;

    @Option(names = "--prefix", defaultValue = "run000591/", description = "Objects to replay. Default: ${DEFAULT-VALUE}")
    String prefix;

    @Option(names = "--format", defaultValue = "firmware-2020",
            description = "Format of those objects: course or firmware-2020. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--data-dir", defaultValue = "data", description = "Files seeded into the in-process S3 server. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--speed", description = "Replay at this factor of the detector's own clock. Default: 1 (as the detector ran) "
            + "unless --rate or --max is given")
    Double speed;

    @Option(names = "--max-silence-ms", defaultValue = "3000",
            description = "With --speed: detector silences longer than this are shortened to it (counted and logged); 0 keeps them. "
                    + "Default: ${DEFAULT-VALUE}")
    long maxSilenceMs;

    @Option(names = "--rate", description = "Replay at this many words per second instead of the detector's clock.")
    Double rate;

    @Option(names = "--max", description = "Replay as fast as possible instead of the detector's clock.")
    boolean max;

    @Option(names = "--window-ms", defaultValue = "1000", description = "Window size, 1000..5000 ms. Default: ${DEFAULT-VALUE}")
    long windowMs;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Dashboard bind address. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port. Default: ${DEFAULT-VALUE}")
    int port;

    public static void main(String[] args) {
        System.exit(Cli.run(new DemoMain(), args));
    }

    /** How fast to replay: the detector's own clock unless --rate or --max says otherwise. */
    private Pacing pacing() {
        if ((max ? 1 : 0) + (rate != null ? 1 : 0) + (speed != null ? 1 : 0) > 1) {
            throw new UserError("choose one of --speed, --rate and --max");
        }
        return max ? Pacing.max() : rate != null ? Pacing.rate(rate) : Pacing.speed(speed == null ? 1 : speed, maxSilenceMs);
    }

    private DaqFormat daqFormat() {
        return DaqFormat.fromId(format);
    }

    /** The processor's settings, for a cluster named later. */
    private ProcessorConfig processorConfig(Path stateDir) {
        return ProcessorConfig.defaults(null, stateDir)
                .withApplicationId(ProcessorConfig.DEFAULT_APPLICATION_ID + "-demo-" + ProcessHandle.current().pid())
                .withWindowMs(windowMs);
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        // Every setting is checked before anything starts: a mistake is one line, not a broker start-up and a stack trace.
        Pacing pacing = pacing();
        DaqFormat daqFormat = daqFormat();
        ProcessorConfig processorSettings = processorConfig(Files.createTempDirectory("minidt-demo-streams-"));
        List<AutoCloseable> running = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stop.set(true);
            log.info("stopping…");
            closeAll(running);
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            String kafka = bootstrapServers;
            if (kafka == null) {
                EmbeddedKafka broker = EmbeddedKafka.start();
                running.add(broker);
                kafka = broker.bootstrapServers();
            }
            TopicSetup.ensureTopics(kafka);
            S3Settings s3;
            if (s3Endpoint == null) {
                if (!Files.isDirectory(dataDir)) {
                    throw new UserError("data directory " + dataDir.toAbsolutePath() + " not found — run from the repository root or pass --data-dir");
                }
                EmbeddedS3 server = EmbeddedS3.start();
                running.add(server);
                server.seed(bucket, dataDir);
                s3 = new S3Settings(server.endpoint().toString(), EmbeddedS3.REGION, bucket, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
            } else {
                s3 = new S3Settings(s3Endpoint, "us-east-1", bucket, System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"));
            }

            ProcessorConfig processorConfig = processorSettings.withBootstrapServers(kafka);
            KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(processorConfig), MonitorTopology.streamsProperties(processorConfig));
            running.add(streams);
            streams.start();

            // The quality service judges every window against the setup's reference: Run000591 unless one was set before.
            ReferenceSeed.seedIfMissing(kafka, ReferenceSeed.bundled());
            QualityConfig qualityConfig = QualityConfig.defaults(kafka, Files.createTempDirectory("minidt-demo-quality-"))
                    .withApplicationId(QualityConfig.DEFAULT_APPLICATION_ID + "-demo-" + ProcessHandle.current().pid());
            KafkaStreams quality = new KafkaStreams(QualityTopology.build(qualityConfig), QualityTopology.streamsProperties(qualityConfig));
            running.add(quality);
            quality.start();

            ArchiverConfig archiverConfig = ArchiverConfig.defaults(kafka, s3.withBucket(resultsBucket))
                    .withGroupId(ArchiverConfig.DEFAULT_GROUP_ID + "-demo-" + ProcessHandle.current().pid())
                    .withTiming(ArchiverConfig.DEFAULT_WRITE_INTERVAL_MS, runEndQuietMs);
            Thread archiver = new Thread(() -> {
                try {
                    new Archiver(archiverConfig).run(stop::get);
                } catch (Exception e) {
                    log.error("archiver stopped: {}", e.getMessage());
                }
            }, "archiver");
            archiver.start();
            running.add(() -> archiver.join(15_000));

            Dashboard dashboard = new Dashboard(DashboardConfig.defaults(kafka, host, port).withArchive(archiverConfig.results())).start();
            running.add(dashboard);

            EmulatorConfig emulatorConfig = EmulatorConfig.s3Replay(kafka, s3, prefix, daqFormat, pacing, true, null, "demo");
            Thread emulator = new Thread(() -> {
                try {
                    new Emulator(emulatorConfig).run(stop::get);
                } catch (Exception e) {
                    if (!stop.get()) {
                        log.error("emulator stopped: {}", e.getMessage());
                    }
                }
            }, "emulator");
            emulator.start();
            running.add(() -> emulator.join(10_000));

            log.info("miniDT demo running (started in {} ms): Kafka {}, S3 {}, replay {}, runs archived to bucket '{}'",
                    (System.nanoTime() - t0) / 1_000_000, kafka, s3.endpoint(), pacing, resultsBucket);
            System.out.println();
            System.out.println("  Dashboard: " + dashboard.url() + "   (Ctrl-C stops the demo)");
            System.out.println();
            stopped.await();
            return 0;
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            closeAll(running);
            throw e;
        }
    }

    /** Closes in reverse start order: emulator, dashboard, archiver, processor, S3, broker. */
    private static void closeAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
        running.clear();
    }
}
