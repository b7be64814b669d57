package org.minidt.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.Json;
import org.minidt.common.RawFrame;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/** Writing frames to and reading committed window messages from a real broker, for the multi-process tests. */
final class BrokerIO {
    private BrokerIO() {
    }

    /** Sends a source marker after the run's frames, and waits until the broker has it. */
    static void send(String bootstrap, SourceMarker marker) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            producer.send(marker.toProducerRecord(marker.run().startEpochMs()));
            producer.flush();
        }
    }

    /** Sends the frames (in order, per run in one partition) and waits until the broker has them all. */
    static void send(String bootstrap, List<RawFrame> frames) {
        send(bootstrap, frames, f -> f.run().startEpochMs());
    }

    /** The same, each record stamped as the emulator does when it sends: now. */
    static void sendNow(String bootstrap, List<RawFrame> frames) {
        send(bootstrap, frames, f -> System.currentTimeMillis());
    }

    private static void send(String bootstrap, List<RawFrame> frames, ToLongFunction<RawFrame> timestamp) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            frames.forEach(f -> producer.send(f.toProducerRecord(Topics.RAW_HITS.name(), timestamp.applyAsLong(f))));
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads minidt.results from the start with read_committed: what a downstream reader sees. */
    static final class Results implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<WindowSummary> seen = new ArrayList<>();

        Results(String bootstrap) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            TopicPartition results = new TopicPartition(Topics.RESULTS.name(), 0);
            consumer.assign(List.of(results));
            consumer.seekToBeginning(List.of(results));
        }

        /** Everything read so far, in topic order. */
        List<WindowSummary> seen() {
            return List.copyOf(seen);
        }

        /**
         * Polls until at least {@code count} window messages were read; fails after {@code timeout}, or as soon as
         * {@code healthy} says the processor is gone.
         */
        List<WindowSummary> awaitAtLeast(int count, Duration timeout, BooleanSupplier healthy) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + seen.size() + " of " + count + " window messages after " + timeout);
                }
                if (!healthy.getAsBoolean()) {
                    throw new AssertionError("the processor stopped with " + seen.size() + " of " + count + " window messages");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        seen.add(Json.fromBytes(r.value(), WindowSummary.class));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return seen();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
