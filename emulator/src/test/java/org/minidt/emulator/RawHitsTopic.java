package org.minidt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.minidt.common.MalformedWordException;
import org.minidt.common.RawFrame;
import org.minidt.common.Topics;

/** Reads minidt.raw-hits as the processor does (read_committed, RawFrame.fromParts), line by line. */
final class RawHitsTopic {

    /** One line as a consumer sees it. */
    record Line(RawFrame frame, long lineNumber, String text, long timestampMs) {
        String runId() {
            return frame.run().runId();
        }
    }

    private RawHitsTopic() {
    }

    /** Every committed line on the topic whose frame matches {@code which}, in partition order. */
    static List<Line> committedLines(String bootstrapServers, Predicate<RawFrame> which) throws MalformedWordException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        List<Line> lines = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = IntStream.range(0, Topics.RAW_HITS_PARTITIONS)
                    .mapToObj(i -> new TopicPartition(Topics.RAW_HITS.name(), i)).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts, Duration.ofSeconds(30));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                RawFrame f = RawFrame.fromParts(r.key(), r.value(), r.headers());
                if (which.test(f)) {
                    f.forEachLine((buf, from, to, n) -> lines.add(new Line(f, n, new String(buf, from, to - from, StandardCharsets.UTF_8), r.timestamp())));
                }
            }
        }
        return lines;
    }

    static List<Line> committedLinesOfRun(String bootstrapServers, String runId) throws MalformedWordException {
        return committedLines(bootstrapServers, f -> f.run().runId().equals(runId));
    }
}
