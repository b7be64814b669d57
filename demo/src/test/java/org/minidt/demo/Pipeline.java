package org.minidt.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.common.DaqFormat;
import org.minidt.common.S3Settings;
import org.minidt.common.TopicSetup;
import org.minidt.dashboard.Dashboard;
import org.minidt.dashboard.DashboardConfig;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.Emulator;
import org.minidt.emulator.EmulatorConfig;
import org.minidt.emulator.EmulatorSource;
import org.minidt.emulator.Pacing;
import org.minidt.emulator.SyntheticConfig;
import org.minidt.processor.MonitorTopology;
import org.minidt.processor.ProcessorConfig;
import org.minidt.quality.QualityConfig;
import org.minidt.quality.QualityTopology;
import org.minidt.quality.ReferenceSeed;

/**
 * The whole chain in this JVM for browser tests and the latency benchmark, wired as DemoMain wires it:
 * in-process Kafka and S3 (seeded from {@code dataDir}), the processor's Kafka Streams topology, the quality
 * service's (against the bundled Run000591 reference), the dashboard on a free port, and the emulator replaying {@code prefix} with {@code pacing}, once or in a loop
 * (or, {@link #synthetic}, sending a synthetic detector's words at the detector's own clock).
 */
final class Pipeline implements AutoCloseable {
    private static final String EMULATOR_ID = "browser-test";
    private final List<AutoCloseable> running = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    final EmbeddedKafka kafka;
    final Dashboard dashboard;
    private ResultsRecorder results;
    private final Thread emulator;

    /** What the emulator sends, from the broker's address and the S3 bucket seeded with the data directory. */
    @FunctionalInterface
    interface Source {
        EmulatorConfig emulator(String bootstrapServers, S3Settings s3);
    }

    Pipeline(Path dataDir, String prefix, String runId, Pacing pacing, boolean loop) throws Exception {
        this(dataDir, (bootstrap, s3) -> EmulatorConfig.s3Replay(bootstrap, s3, prefix, DaqFormat.fromId("firmware-2020"), pacing, loop,
                runId, EMULATOR_ID));
    }

    /** The chain fed by the synthetic source at the detector's own clock, as run {@code runId}. */
    static Pipeline synthetic(Path dataDir, SyntheticConfig detector, String runId) throws Exception {
        return new Pipeline(dataDir, (bootstrap, s3) -> EmulatorConfig.of(bootstrap, EMULATOR_ID, new EmulatorSource.Synthetic(detector),
                DaqFormat.COURSE, Pacing.speed(1), runId));
    }

    private Pipeline(Path dataDir, Source source) throws Exception {
        kafka = EmbeddedKafka.start();
        running.add(kafka);
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        EmbeddedS3 s3Server = EmbeddedS3.start();
        running.add(s3Server);
        s3Server.seed("minidt", dataDir);
        S3Settings s3 = new S3Settings(s3Server.endpoint().toString(), EmbeddedS3.REGION, "minidt", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);

        ProcessorConfig processor = ProcessorConfig.defaults(kafka.bootstrapServers(), Files.createTempDirectory("minidt-streams-"))
                .withApplicationId(ProcessorConfig.DEFAULT_APPLICATION_ID + "-test");
        KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(processor), MonitorTopology.streamsProperties(processor));
        running.add(streams);
        streams.start();

        ReferenceSeed.seedIfMissing(kafka.bootstrapServers(), ReferenceSeed.bundled());
        QualityConfig quality = QualityConfig.defaults(kafka.bootstrapServers(), Files.createTempDirectory("minidt-quality-"))
                .withApplicationId(QualityConfig.DEFAULT_APPLICATION_ID + "-test");
        KafkaStreams judge = new KafkaStreams(QualityTopology.build(quality), QualityTopology.streamsProperties(quality));
        running.add(judge);
        judge.start();

        dashboard = new Dashboard(DashboardConfig.defaults(kafka.bootstrapServers(), "127.0.0.1", 0)).start();
        running.add(dashboard);

        EmulatorConfig replay = source.emulator(kafka.bootstrapServers(), s3);
        emulator = new Thread(() -> {
            try {
                new Emulator(replay).run(stop::get);
            } catch (Exception e) {
                if (!stop.get()) {
                    throw new IllegalStateException("emulator stopped", e);
                }
            }
        }, "emulator");
        emulator.start();
    }

    /** The recorder of every committed window, reading from its first call on (the latency benchmark runs without one). */
    synchronized ResultsRecorder results() {
        if (results == null) {
            results = new ResultsRecorder(kafka.bootstrapServers());
            running.add(results);
        }
        return results;
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        emulator.join(30_000);
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }
}
