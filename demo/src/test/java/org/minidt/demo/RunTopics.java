package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.minidt.common.MalformedWordException;
import org.minidt.common.RawFrame;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/** What one run left on the topics, read committed: its raw lines and its window messages (for the fault tests). */
final class RunTopics {
    private RunTopics() {
    }

    /** Lines of the run committed on minidt.raw-hits so far (markers left out). */
    static long committedLines(String bootstrap, String run) throws MalformedWordException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, Topics.RAW_HITS.keySerde().deserializer(), Topics.RAW_HITS.valueSerde().deserializer())) {
            List<TopicPartition> parts = IntStream.range(0, Topics.RAW_HITS_PARTITIONS).mapToObj(i -> new TopicPartition(Topics.RAW_HITS.name(), i)).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long lines = 0;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (!SourceMarker.isMarker(r.headers()) && run.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        long[] frameLines = {0};
                        RawFrame.fromParts(r.key(), r.value(), r.headers()).forEachLine((buf, from, to, n) -> frameLines[0]++);
                        lines += frameLines[0];
                    }
                }
            }
            return lines;
        }
    }

    /** Every window message of the run on minidt.results, once {@code count} distinct windows have come (or 60 s passed). */
    static List<WindowSummary> windowsUntil(String bootstrap, String run, int count, ServiceProcess processor) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<WindowSummary> windows = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (KafkaConsumer<String, WindowSummary> c = new KafkaConsumer<>(p, Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(Topics.RESULTS.name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            while (seen.size() < count && System.nanoTime() < deadline) {
                assertThat(processor.isAlive()).as("%s; its log:%n%s", processor, processor.logText()).isTrue();
                for (ConsumerRecord<String, WindowSummary> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value().run().equals(run)) {
                        windows.add(r.value());
                        seen.merge(r.value().window().index(), 1, Integer::sum);
                    }
                }
            }
            // Anything emitted a little later (a revision) would show here.
            for (ConsumerRecord<String, WindowSummary> r : c.poll(Duration.ofSeconds(2))) {
                if (r.value().run().equals(run)) {
                    windows.add(r.value());
                }
            }
        }
        return windows;
    }
}
