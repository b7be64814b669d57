package org.minidt.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.minidt.common.Json;
import org.minidt.common.Topics;

/** The emulators' positions on the compacted topic {@code minidt.emulator-positions}, keyed by emulator id. */
final class Positions {
    private static final TopicPartition PARTITION = new TopicPartition(Topics.EMULATOR_POSITIONS.name(), 0);

    private Positions() {
    }

    static ProducerRecord<byte[], byte[]> record(String emulatorId, EmulatorPosition position) {
        return new ProducerRecord<>(Topics.EMULATOR_POSITIONS.name(), 0, key(emulatorId), Json.toBytes(position));
    }

    /**
     * The last committed position of {@code emulatorId}, if any. Call it after the emulator's transactional
     * producer is initialised: that aborts a transaction left open by a killed predecessor, which would
     * otherwise hold back this read_committed read.
     */
    static Optional<EmulatorPosition> read(String bootstrapServers, String emulatorId) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        byte[] key = key(emulatorId);
        byte[] last = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), Duration.ofSeconds(30)).get(PARTITION);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(PARTITION, Duration.ofSeconds(30)) < end) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + Topics.EMULATOR_POSITIONS.name() + " did not reach its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (Arrays.equals(r.key(), key)) {
                        last = r.value();
                    }
                }
            }
        }
        return last == null ? Optional.empty() : Optional.of(Json.fromBytes(last, EmulatorPosition.class));
    }

    private static byte[] key(String emulatorId) {
        return emulatorId.getBytes(StandardCharsets.UTF_8);
    }
}
