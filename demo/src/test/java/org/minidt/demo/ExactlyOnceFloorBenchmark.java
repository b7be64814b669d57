package org.minidt.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minidt.embedded.EmbeddedKafka;

/**
 * The least time exactly-once through Kafka takes on this machine: what the window latency's Kafka stage ("emitted ->
 * read by the dashboard") cannot go below. Nothing but the embedded broker runs: one transactional producer writes, per
 * transaction, a small record to an output topic and one to a changelog-like topic, adds consumer offsets (as a Kafka
 * Streams commit does) and commits; a {@code read_committed} consumer on its own thread reads the output topic, as the
 * dashboard does. Measured: record handed to the producer -> read by the consumer, and the producer's commit alone.
 * A benchmark, not a test: it asserts nothing and runs only when asked:
 * <pre>
 * ./mvnw -q -B -pl demo -am test -Dtest=ExactlyOnceFloorBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dminidt.benchmark=true [-Dminidt.benchmark.transactions=3000]
 * </pre>
 * Results: demo/target/benchmarks/exactly-once-floor.txt
 */
@EnabledIfSystemProperty(named = "minidt.benchmark", matches = "true")
class ExactlyOnceFloorBenchmark {
    /** Between transactions: the broker and both clients are idle when each one starts, as between live windows. */
    private static final Duration GAP = Duration.ofMillis(20);

    @Test
    void transactionToReadCommitted() throws Exception {
        int transactions = Integer.getInteger("minidt.benchmark.transactions", 3000);
        // The first half warms up the JIT of broker and clients (a short run measures mostly the interpreter).
        int warmUp = transactions / 2;
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<Long, Long> readAtNs = new ConcurrentHashMap<>();
        long[] sentNs = new long[transactions];
        long[] commitNs = new long[transactions];
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("floor.input", 1, (short) 1), new NewTopic("floor.output", 1, (short) 1),
                                new NewTopic("floor.changelog", 1, (short) 1)))
                        .all().get();
            }
            Thread reader = new Thread(() -> read(kafka.bootstrapServers(), readAtNs, transactions), "floor-reader");
            reader.start();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                TopicPartition input = new TopicPartition("floor.input", 0);
                for (int i = 0; i < transactions; i++) {
                    Thread.sleep(GAP.toMillis());
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("floor.changelog", new byte[1024]));
                    sentNs[i] = System.nanoTime();
                    producer.send(new ProducerRecord<>("floor.output", ByteBuffer.allocate(8).putLong(i).array(), new byte[1024]));
                    long committing = System.nanoTime();
                    producer.sendOffsetsToTransaction(Map.of(input, new OffsetAndMetadata(i)), new ConsumerGroupMetadata("floor"));
                    producer.commitTransaction();
                    commitNs[i] = System.nanoTime() - committing;
                }
            }
            reader.join(Duration.ofSeconds(30).toMillis());
            reader.interrupt();
        }
        long[] toRead = new long[transactions - warmUp];
        long[] commit = new long[transactions - warmUp];
        int unread = 0;
        for (int i = warmUp; i < transactions; i++) {
            Long read = readAtNs.get((long) i);
            unread += read == null ? 1 : 0;
            toRead[i - warmUp] = read == null ? Long.MAX_VALUE : read - sentNs[i];
            commit[i - warmUp] = commitNs[i];
        }
        Arrays.sort(toRead);
        Arrays.sort(commit);
        String report = String.join("\n",
                "Exactly-once floor on the embedded broker, " + Instant.now(),
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"),
                "load average (/proc/loadavg) before: " + loadBefore + ", after: " + Files.readString(Path.of("/proc/loadavg")).trim(),
                "transactions: " + transactions + " (" + GAP.toMillis() + " ms apart), measured: the last " + (transactions - warmUp)
                        + ", unread: " + unread,
                "sent -> read committed " + percentiles(toRead),
                "  of which the producer's offsets and commit " + percentiles(commit),
                "");
        Path out = Path.of("target", "benchmarks", "exactly-once-floor.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    /** As the processor's producer is set: transactional (v2 on this broker), linger 10 ms as MonitorTopology.LINGER_MS. */
    private static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "minidt-floor");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        return p;
    }

    /** Reads the output topic read_committed, as the dashboard does, noting when each record arrives. */
    private static void read(String bootstrapServers, Map<Long, Long> readAtNs, int transactions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition output = new TopicPartition("floor.output", 0);
            consumer.assign(List.of(output));
            consumer.seekToBeginning(List.of(output));
            while (readAtNs.size() < transactions && !Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    readAtNs.put(ByteBuffer.wrap(r.key()).getLong(), System.nanoTime());
                }
            }
        }
    }

    private static String percentiles(long[] sortedNs) {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", Percentiles.at(sortedNs, 0.50) / 1e6,
                Percentiles.at(sortedNs, 0.90) / 1e6, Percentiles.at(sortedNs, 0.99) / 1e6, sortedNs[sortedNs.length - 1] / 1e6);
    }
}
