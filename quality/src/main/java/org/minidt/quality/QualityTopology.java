package org.minidt.quality;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.minidt.common.JsonSerde;
import org.minidt.common.Topics;

/**
 * The quality topology, built by a pure function of its configuration: window summaries in, verdicts out.
 * <pre>
 *   minidt.results ----------> judge (windows, runs, liveness stores) --> minidt.quality
 *   minidt.reference-requests -> promote (runs store) -----------------> minidt.references
 *   minidt.references (GlobalKTable, by setup) -- read by judge
 * </pre>
 */
public final class QualityTopology {
    /** How long a window may wait to be judged (see {@link #streamsProperties}), and the batch that ends the wait sooner. */
    static final int JUDGE_DELAY_MS = 500;
    static final int JUDGE_BATCH_BYTES = 1 << 20;
    /** Every window seen, by run and index, so that a revised window can replace its earlier version. */
    static final String WINDOW_STORE = "minidt-quality-windows";
    /** Each run's windows summed: the "run so far" sample, and what a promoted reference is made of. */
    static final String RUN_STORE = "minidt-quality-runs";
    /** When each run's last window came (wall clock), and whether it is flagged STALLED. */
    static final String LIVENESS_STORE = "minidt-quality-liveness";
    /** The references, by setup (GlobalKTable over minidt.references). */
    static final String REFERENCE_STORE = "minidt-quality-references";

    private QualityTopology() {
    }

    public static Topology build(QualityConfig config) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), Topics.RESULTS.valueSerde()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RUN_STORE), Serdes.String(), new JsonSerde<>(Sample.class)));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LIVENESS_STORE), Serdes.String(),
                new JsonSerde<>(JudgeProcessor.Liveness.class)));
        b.globalTable(Topics.REFERENCES.name(), Consumed.with(Topics.REFERENCES.keySerde(), Topics.REFERENCES.valueSerde()),
                Materialized.as(REFERENCE_STORE));
        b.stream(Topics.RESULTS.name(), Consumed.with(Topics.RESULTS.keySerde(), Topics.RESULTS.valueSerde()))
                .process(() -> new JudgeProcessor(config), WINDOW_STORE, RUN_STORE, LIVENESS_STORE)
                .to(Topics.QUALITY.name(), Produced.with(Topics.QUALITY.keySerde(), Topics.QUALITY.valueSerde()));
        b.stream(Topics.REFERENCE_REQUESTS.name(), Consumed.with(Topics.REFERENCE_REQUESTS.keySerde(), Topics.REFERENCE_REQUESTS.valueSerde()))
                .process(PromoteProcessor::new, RUN_STORE)
                .to(Topics.REFERENCES.name(), Produced.with(Topics.REFERENCES.keySerde(), Topics.REFERENCES.valueSerde()));
        return b.build();
    }

    public static Properties streamsProperties(QualityConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The processor writes windows exactly once: never judge a window of an aborted transaction.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        // Windows come to the judge in batches at most JUDGE_DELAY_MS old, not one by one as they commit: its work (hundreds of
        // verdicts a window) then runs after the window has reached the page, instead of taking the CPU from it on a small
        // machine; the page asks for verdicts every 2 s, so nobody sees them later (docs/quality.md, docs/benchmarks.md).
        // The wait runs from each fetch, not from the window's commit: a batch lands at any moment, and within the window's
        // ~30 ms to the page for 30 ms of every JUDGE_DELAY_MS. 500 ms (Kafka's default wait) meets a window a third as often.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), JUDGE_DELAY_MS);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), JUDGE_BATCH_BYTES);
        return p;
    }
}
