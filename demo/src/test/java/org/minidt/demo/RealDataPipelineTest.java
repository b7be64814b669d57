package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.DaqFormat;
import org.minidt.common.S3Settings;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.dashboard.Poll;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.Emulator;
import org.minidt.emulator.EmulatorConfig;
import org.minidt.emulator.Pacing;
import org.minidt.processor.MonitorTopology;
import org.minidt.processor.ProcessorConfig;

/**
 * The whole path on real parts: S3 server -> emulator -> Kafka broker -> processor -> results, over the first
 * 30,000 rows of Run000591. Per-window counts must equal a plain count of the same rows done here.
 */
class RealDataPipelineTest {
    private static final int ROWS = 30_000;

    @TempDir
    Path tmp;

    @Test
    void perWindowCountsEqualAPlainCountOfTheSameRows() throws Exception {
        List<String> file = Files.readAllLines(Path.of("../data/run000591/data_000000.txt"));
        List<String> slice = file.subList(0, ROWS + 1); // header + ROWS rows
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("run000591"));
        Files.write(data.resolve("run000591/slice.txt"), slice);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start()) {
            s3.seed("minidt", data);
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            ProcessorConfig processor = ProcessorConfig.defaults(kafka.bootstrapServers(), tmp.resolve("streams"));
            try (KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(processor), MonitorTopology.streamsProperties(processor))) {
                streams.start();
                EmulatorConfig emulator = EmulatorConfig.s3Replay(kafka.bootstrapServers(),
                        new S3Settings(s3.endpoint().toString(), EmbeddedS3.REGION, "minidt", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY),
                        "run000591/", DaqFormat.FIRMWARE_2020, Pacing.max(), false, "it-run", "it-emulator");
                assertThat(new Emulator(emulator).run(() -> false)).isEqualTo(ROWS);

                Map<Long, long[]> received = readWindowsUntilAllWordsAreAccounted(kafka.bootstrapServers());
                Map<Long, long[]> expected = PlainWindowCount.of(slice.subList(1, slice.size()), processor.windowMs());

                assertThat(received.keySet()).containsExactlyElementsOf(expected.keySet());
                expected.forEach((window, counts) ->
                        assertThat(received.get(window)).as("window %d: total, chamber 0..3, words read", window).containsExactly(counts));
            }
        }
    }

    private static Map<Long, long[]> readWindowsUntilAllWordsAreAccounted(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-results");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<Long, long[]> windows = new TreeMap<>();
        long[] wordsRead = {0};
        try (KafkaConsumer<String, WindowSummary> consumer =
                     new KafkaConsumer<>(p, Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            Poll.until(Duration.ofSeconds(180), Duration.ZERO, () -> "words accounted for in the windows: " + wordsRead[0] + " of " + ROWS, () -> {
                for (ConsumerRecord<String, WindowSummary> r : consumer.poll(Duration.ofMillis(500))) {
                    WindowSummary w = r.value();
                    assertThat(windows).as("window %d emitted twice", w.window().index()).doesNotContainKey(w.window().index());
                    windows.put(w.window().index(), PlainWindowCount.countsOf(w));
                    wordsRead[0] += w.accounting().wordsRead();
                }
                return wordsRead[0] >= ROWS;
            });
        }
        assertThat(wordsRead[0]).as("words accounted for in the windows").isEqualTo(ROWS);
        return windows;
    }
}
