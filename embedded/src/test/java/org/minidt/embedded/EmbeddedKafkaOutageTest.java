package org.minidt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;

class EmbeddedKafkaOutageTest {

    @Test
    void aRestartedBrokerKeepsItsAddressAndItsRecords() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            String address = kafka.bootstrapServers();
            send(kafka, "before");

            kafka.stop();
            kafka.restart();
            send(kafka, "after");

            assertThat(kafka.bootstrapServers()).isEqualTo(address);
            assertThat(readAll(kafka)).containsExactly("before", "after");
        }
    }

    private static void send(EmbeddedKafka kafka, String value) throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DAQ_FILES.name(), "k", value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(EmbeddedKafka kafka) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.DAQ_FILES.name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
            return values;
        }
    }
}
