package org.minidt.processor;

import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.minidt.common.Topic;
import org.minidt.common.Topics;

/** The monitoring topology, built by a pure function of its configuration. */
public final class MonitorTopology {
    static final String SOURCE = "raw-hits";
    static final String MONITOR = "monitor";
    static final String TO_RESULTS = "to-results";
    static final String TO_DLQ = "to-dead-letters";
    static final String RESULTS_SINK = "results";
    static final String DLQ_SINK = "dead-letters";
    /** Per run: its {@link WindowLifecycle} (stream time, open and revisable windows' counts, recent scintillator times). */
    static final String RUN_STORE = "minidt-run-state";
    /** Per (run, window, chunk): the hits of the open and revisable windows ({@link HitChunks}). */
    static final String HIT_STORE = "minidt-window-hits";

    /** Consumer group session timeout: how long a killed instance keeps its runs (docs/processor.md, "Failover"). */
    static final int SESSION_TIMEOUT_MS = 6_000;

    /** Producer batching (see {@link #streamsProperties}): a frame's hit chunks and its windows' messages fit one batch. */
    static final int LINGER_MS = 10;
    static final int BATCH_BYTES = 256 * 1024;

    /**
     * Hit chunks are written once and deleted seconds later: small, short segments let compaction drop them soon,
     * so the changelog a restarted task restores from stays about as small as the open windows.
     */
    private static final Map<String, String> HIT_CHANGELOG_CONFIG = Map.of(
            TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(64 << 20),
            TopicConfig.SEGMENT_MS_CONFIG, Long.toString(600_000),
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1",
            TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(600_000));

    private MonitorTopology() {
    }

    public static Topology buildTopology(ProcessorConfig config) {
        return buildTopology(config, System::currentTimeMillis);
    }

    /** The topology reading the wall clock from {@code wallClock} (tests drive it with the test driver's clock). */
    static Topology buildTopology(ProcessorConfig config, LongSupplier wallClock) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, Topics.RAW_HITS.keySerde().deserializer(), Topics.RAW_HITS.valueSerde().deserializer(),
                Topics.RAW_HITS.name());
        topology.addProcessor(MONITOR, () -> new MonitorProcessor(config, wallClock), SOURCE);
        // In memory, backed by changelog topics: the state is small (open windows only) and RocksDB's JNI calls and
        // flushes cost more than the whole aggregation; a restarted task restores it from the changelog.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RUN_STORE), Serdes.String(),
                        Serdes.serdeFrom((topic, run) -> run == null ? null : run.toBytes(),
                                (topic, bytes) -> bytes == null ? null : WindowLifecycle.fromBytes(config, bytes))),
                MONITOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HIT_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingEnabled(HIT_CHANGELOG_CONFIG), MONITOR);
        topology.addProcessor(TO_RESULTS, () -> new MonitorOutput.Route<>(out -> out instanceof MonitorOutput.Window w ? w.record() : null),
                MONITOR);
        topology.addProcessor(TO_DLQ, () -> new MonitorOutput.Route<>(out -> out instanceof MonitorOutput.DeadLetter d ? d.record() : null),
                MONITOR);
        addSink(topology, RESULTS_SINK, Topics.RESULTS, TO_RESULTS);
        addSink(topology, DLQ_SINK, Topics.RAW_HITS_DLQ, TO_DLQ);
        return topology;
    }

    private static <K, V> void addSink(Topology topology, String name, Topic<K, V> topic, String parent) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), parent);
    }

    /** Kafka Streams settings for the configuration. */
    public static Properties streamsProperties(ProcessorConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee().id());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        if (!config.instanceId().isEmpty()) {
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
        }
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Failover: the group gives a killed instance's runs to the others once its session times out (45 s by default,
        // with or without static membership). 6 s is the broker's default minimum; heartbeats every 1.5 s keep a live
        // instance well inside it. The takeover then waits for the broker to abort the dead instance's open transaction.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), SESSION_TIMEOUT_MS / 4);
        // No global stores here; opting in now is what Kafka 5 will do anyway, and keeps start-up free of its warning.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The emulator writes raw hits in transactions: never read frames of an aborted one, whatever the guarantee.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        // Records wait up to LINGER_MS to share a produce request: through a backlog the broker handled one request per
        // record and spent more CPU on requests than on bytes (docs/benchmarks.md). A live window is not delayed by it:
        // the commit asked for right after the window is forwarded flushes the producer at once, and with exactly-once
        // nothing is visible before that commit anyway.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), LINGER_MS);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BATCH_BYTES);
        return p;
    }
}
