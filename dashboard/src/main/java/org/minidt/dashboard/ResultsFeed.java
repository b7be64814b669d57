package org.minidt.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.Json;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code minidt.results} into the {@link MonitorState}: first the recent history (so a page opened
 * mid-run is not blank), then live. Without a consumer group: every dashboard sees every window.
 */
final class ResultsFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultsFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final MonitorState state;
    private final long historyMs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long malformed;

    ResultsFeed(String bootstrapServers, MonitorState state, long historyMs) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.state = state;
        this.historyMs = historyMs;
        this.thread = new Thread(this::run, "results-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30)).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(tp -> since.put(tp, System.currentTimeMillis() - historyMs));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp o = offsets.get(tp);
                if (o != null) {
                    consumer.seek(tp, o.offset());
                } else {
                    consumer.seekToEnd(List.of(tp));
                }
            }
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    accept(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("results feed stopped: {}", e.toString());
        }
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        try {
            state.accept(Json.fromBytes(r.value(), WindowSummary.class));
        } catch (Exception e) {
            malformed++;
            log.warn("skipped malformed results message at {}-{} offset {}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    long malformed() {
        return malformed;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5000);
        consumer.close();
    }
}
