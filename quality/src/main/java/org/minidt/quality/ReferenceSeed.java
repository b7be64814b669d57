package org.minidt.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.minidt.common.Json;
import org.minidt.common.QualityReference;
import org.minidt.common.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a reference on minidt.references when its setup has none yet, so a fresh installation (the demo) starts
 * with one; a reference set later by promoting a run is never overwritten.
 */
public final class ReferenceSeed {
    private static final Logger log = LoggerFactory.getLogger(ReferenceSeed.class);
    /** Run000591's windows summed (1 s windows, default processor settings); made by demo's BundledReferenceTest. */
    public static final String BUNDLED_RESOURCE = "/references/run000591.json";

    private ReferenceSeed() {
    }

    /** The reference shipped with the service: Run000591, for setup "minidt". */
    public static QualityReference bundled() {
        try (InputStream in = ReferenceSeed.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the quality jar — rebuild it");
            }
            return Json.MAPPER.readValue(in, QualityReference.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code reference} unless the topic already holds one for its setup; true when it wrote. */
    public static boolean seedIfMissing(String bootstrapServers, QualityReference reference) {
        if (hasReference(bootstrapServers, reference.setup())) {
            log.info("setup {} already has a reference: the bundled {} is not loaded", reference.setup(), reference.run());
            return false;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, QualityReference> producer = new KafkaProducer<>(p, Topics.REFERENCES.keySerde().serializer(),
                Topics.REFERENCES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.REFERENCES.name(), reference.setup(), reference)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write the reference to " + Topics.REFERENCES + " at " + bootstrapServers, e);
        }
        log.info("reference of setup {} set to {} ({} windows)", reference.setup(), reference.run(), reference.span().windows());
        return true;
    }

    private static boolean hasReference(String bootstrapServers, String setup) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "minidt-reference-seed-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, Topics.REFERENCES.keySerde().deserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REFERENCES.name(), Duration.ofSeconds(15)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            boolean found = false;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(15)) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    found |= setup.equals(r.key()) && r.value() != null;
                }
            }
            return found;
        }
    }
}
