package org.minidt.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads minidt.quality (from {@code historyMs} ago, then live) and minidt.references (all of it: compacted, small)
 * into a {@link QualityBoard}. Without a consumer group; waits for the topics when the quality service has not
 * created them yet; malformed records are logged and skipped.
 */
final class QualityFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QualityFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_MS = 2_000;

    private final Properties props;
    private final QualityBoard board;
    private final long historyMs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;

    QualityFeed(String bootstrapServers, QualityBoard board, long historyMs) {
        this.board = board;
        this.historyMs = historyMs;
        props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        thread = new Thread(this::run, "quality-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!assign(c)) {
                    sleep();
                    continue;
                }
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        take(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (running.get()) {
                    log.warn("quality feed: {} — retrying in {} ms", e.toString(), RETRY_MS);
                    sleep();
                }
            }
        }
    }

    /** Assigns both topics' partitions at their start positions; false while a topic does not exist yet. */
    private boolean assign(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> quality = partitions(c, Topics.QUALITY.name());
        List<TopicPartition> references = partitions(c, Topics.REFERENCES.name());
        if (quality.isEmpty() || references.isEmpty()) {
            return false;
        }
        List<TopicPartition> all = new ArrayList<>(quality);
        all.addAll(references);
        c.assign(all);
        c.seekToBeginning(references);
        Map<TopicPartition, Long> since = new HashMap<>();
        quality.forEach(tp -> since.put(tp, System.currentTimeMillis() - historyMs));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(since);
        for (TopicPartition tp : quality) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o == null) {
                c.seekToEnd(List.of(tp));
            } else {
                c.seek(tp, o.offset());
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, String topic) {
        List<PartitionInfo> info = c.partitionsFor(topic, Duration.ofSeconds(10));
        return info == null ? List.of() : info.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(Topics.REFERENCES.name())) {
                board.reference(r.key(), r.value() == null ? null : Topics.REFERENCES.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            } else if (r.value() != null) {
                board.verdict(Topics.QUALITY.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            }
        } catch (RuntimeException e) {
            log.warn("skipping malformed record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        thread.join(5_000);
    }
}
