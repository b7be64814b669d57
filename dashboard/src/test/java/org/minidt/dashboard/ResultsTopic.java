package org.minidt.dashboard;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minidt.common.Json;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/** Writes to minidt.results as the processor does: key = run id, timestamp = window wall-clock end. */
public final class ResultsTopic implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public ResultsTopic(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(WindowSummary w) {
        send(w.run(), Json.toBytes(w), w.window().wallEndMs());
    }

    /** Any bytes, e.g. a malformed message. */
    public void send(String key, byte[] value, long timestampMs) {
        try {
            producer.send(new ProducerRecord<>(Topics.RESULTS.name(), null, timestampMs, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + Topics.RESULTS.name(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
