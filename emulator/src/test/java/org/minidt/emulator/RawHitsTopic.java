package org.minidt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;

/** Reads minidt.raw-hits as the processor does (read_committed, RawFrame.fromParts), line by line. */
final class RawHitsTopic {

    /** One line as a consumer sees it. */
    record Line(RawFrame frame, long lineNumber, String text, byte[] bytes, long timestampMs) {
        String runId() {
            return frame.run().runId();
        }
    }

    private RawHitsTopic() {
    }

    /** Every committed line on the topic whose frame matches {@code which}, in partition order (markers left out). */
    static List<Line> committedLines(String bootstrapServers, Predicate<RawFrame> which) throws MalformedWordException {
        List<Line> lines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : committedRecords(bootstrapServers)) {
            if (SourceMarker.isMarker(r.headers())) {
                continue;
            }
            RawFrame f = RawFrame.fromParts(r.key(), r.value(), r.headers());
            if (which.test(f)) {
                lines.addAll(linesOf(f, r.timestamp()));
            }
        }
        return lines;
    }

    /** A committed record of a run: a marker (lines empty) or a frame (marker null). */
    record Entry(SourceMarker marker, List<Line> lines) {
    }

    /** The run's committed records, markers and frames, in order. */
    static List<Entry> committedEntriesOfRun(String bootstrapServers, String runId) throws MalformedWordException {
        List<Entry> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : committedRecords(bootstrapServers)) {
            if (!new String(r.key(), StandardCharsets.UTF_8).equals(runId)) {
                continue;
            }
            if (SourceMarker.isMarker(r.headers())) {
                out.add(new Entry(SourceMarker.fromParts(r.key(), r.headers()), List.of()));
            } else {
                out.add(new Entry(null, linesOf(RawFrame.fromParts(r.key(), r.value(), r.headers()), r.timestamp())));
            }
        }
        return out;
    }

    private static List<Line> linesOf(RawFrame f, long timestampMs) {
        List<Line> lines = new ArrayList<>();
        f.forEachLine((buf, from, to, n) -> lines.add(new Line(f, n, new String(buf, from, to - from, StandardCharsets.UTF_8),
                Arrays.copyOfRange(buf, from, to), timestampMs)));
        return lines;
    }

    /**
     * The read_committed end of each partition, once it has caught up with the high watermark or after 3 s: a
     * commit returns before the coordinator has written its markers into the partitions, so right after an
     * emulator ends the committed end can still lag (only an open transaction, of a running emulator, holds
     * it back longer).
     */
    private static Map<TopicPartition, Long> settledEnd(KafkaConsumer<byte[], byte[]> committed, List<TopicPartition> parts,
                                                        String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> highWatermark = all.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            Map<TopicPartition, Long> end = committed.endOffsets(parts, Duration.ofSeconds(30));
            while (!end.equals(highWatermark) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                end = committed.endOffsets(parts, Duration.ofSeconds(30));
            }
            return end;
        }
    }

    /** Every committed record of minidt.raw-hits.dlq. */
    static List<ConsumerRecord<byte[], byte[]>> committedDeadLetters(String bootstrapServers) {
        return committedRecords(bootstrapServers, Topics.RAW_HITS_DLQ.name(), 1);
    }

    private static List<ConsumerRecord<byte[], byte[]>> committedRecords(String bootstrapServers) {
        return committedRecords(bootstrapServers, Topics.RAW_HITS.name(), Topics.RAW_HITS_PARTITIONS);
    }

    private static List<ConsumerRecord<byte[], byte[]>> committedRecords(String bootstrapServers, String topic, int partitions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = IntStream.range(0, partitions).mapToObj(i -> new TopicPartition(topic, i)).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = settledEnd(c, parts, bootstrapServers);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    static List<Line> committedLinesOfRun(String bootstrapServers, String runId) throws MalformedWordException {
        return committedLines(bootstrapServers, f -> f.run().runId().equals(runId));
    }
}
