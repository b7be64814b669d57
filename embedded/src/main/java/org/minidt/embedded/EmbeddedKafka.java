package org.minidt.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: Kafka's own KRaft server (combined broker and controller), bound to
 * 127.0.0.1 on free ports, with its log in a directory of its own. For tests and the one-command demo.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path logDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final Properties props;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, boolean deleteOnClose) throws IOException {
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        this.props = brokerProperties(logDir, brokerPort, controllerPort);
        format(props, logDir);
        startServer();
    }

    private void startServer() {
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        long t0 = System.nanoTime();
        server.startup();
        log.info("Kafka broker (KRaft) up at {} in {} ms, log dir {}", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000, logDir);
    }

    /**
     * Stops the broker as an outage would (clients see their connections refused), keeping its ports and log
     * dir for {@link #restart}. For fault tests.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Kafka broker at 127.0.0.1:{} stopped (outage)", brokerPort);
        }
    }

    /** Starts the broker again after {@link #stop}, on the same ports and log dir: topics, offsets and transactions survive. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** Starts a broker whose data lives in a fresh temporary directory, deleted on close. */
    public static EmbeddedKafka start() throws IOException {
        return new EmbeddedKafka(Files.createTempDirectory("minidt-kafka-"), true);
    }

    /** Starts a broker with its log in {@code logDir} (created and formatted if empty), kept on close. */
    public static EmbeddedKafka start(Path logDir) throws IOException {
        Files.createDirectories(logDir);
        return new EmbeddedKafka(logDir, false);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            FreePorts.deleteRecursively(logDir);
        }
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // One broker: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        // The log cleaner allocates its whole dedupe buffer on the heap at start (Kafka's default: 128 MB); the compacted
        // topics here (changelogs, positions, references) need a few MB. 128 MB was most of the demo's live heap.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 << 20));
        return p;
    }

    /** Formats the log directory (as kafka-storage.sh format does) unless it already holds a cluster. */
    private static void format(Properties props, Path logDir) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = logDir.resolve("server.properties.format");
        try (Writer w = Files.newBufferedWriter(config)) {
            props.store(w, "written by EmbeddedKafka for kafka-storage format");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        Files.delete(config);
        if (rc != 0) {
            throw new UncheckedIOException(new IOException("formatting the Kafka log dir " + logDir + " failed: " + out));
        }
    }
}
