package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.Cli;
import org.minidt.common.DeadLetter;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.emulator.EmulatorMain;
import org.minidt.processor.MonitorTopology;
import org.minidt.processor.ProcessorConfig;

/**
 * Issue 14, faults 4 and 5 end to end: a DAQ file with a corrupt stretch (a 10 MB line between 100 + 100 good
 * hits, and short lines with CRs and bytes that are not UTF-8) replayed by the emulator and monitored by the
 * processor: every good hit is in a histogram, the replay ends with exit 0, and every bad line is on the
 * dead-letter topic with the file's own bytes.
 */
class CorruptFileEndToEndTest {
    private static final String RUN = "corrupt-file";

    @TempDir
    Path tmp;

    private static byte[] hit(int i) {
        return ("2," + (i % 2) + "," + (i % 64) + "," + (3_387_200_000L + i) + "," + (i * 7 % 3564) + "," + (i % 30))
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void goodHitsAroundATenMegabyteLineAreAllCountedAndEveryBadLineIsDeadLetteredWithItsOwnBytes() throws Exception {
        byte[] longLine = new byte[10 * 1024 * 1024];
        Arrays.fill(longLine, (byte) 'x');
        List<byte[]> badLines = List.of(
                new byte[] {(byte) 0xFF, (byte) 0xFE, '2', ',', '0', ',', '1', '\r'},
                "2,0,5,3387200050,10,3,extra\r".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'2', ',', (byte) 0xC3, (byte) 0x28, '\r', ',', '1'});
        Path file = tmp.resolve("corrupt.txt");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 100; i++) {
                out.write(hit(i));
                out.write('\n');
            }
            out.write(longLine);
            out.write('\n');
            for (byte[] bad : badLines) {
                out.write(bad);
                out.write('\n');
            }
            for (int i = 100; i < 200; i++) {
                out.write(hit(i));
                out.write('\n');
            }
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            ProcessorConfig processor = ProcessorConfig.defaults(kafka.bootstrapServers(), tmp.resolve("state")).withApplicationId(RUN);
            try (KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(processor), MonitorTopology.streamsProperties(processor))) {
                streams.start();
                assertThat(Cli.run(new EmulatorMain(), "--bootstrap-servers", kafka.bootstrapServers(), "--file", file.toString(),
                        "--format", "course", "--max", "--run-id", RUN, "--emulator-id", RUN, "--control-port", "-1")).isZero();

                Map<Long, WindowSummary> windows = new HashMap<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (windows.values().stream().mapToLong(w -> w.accounting().wordsRead()).sum() < 203 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, WindowSummary> r : read(kafka.bootstrapServers(), Topics.RESULTS.name(),
                            Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer())) {
                        if (r.value().run().equals(RUN)) {
                            windows.merge(r.value().window().index(), r.value(), (a, b) -> b.window().revision() > a.window().revision() ? b : a);
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(windows.values().stream().mapToLong(WindowSummary::totalHits).sum()).isEqualTo(200);
                assertThat(windows.values().stream().mapToLong(w -> w.accounting().malformedWords()).sum()).isEqualTo(3);

                List<ConsumerRecord<byte[], byte[]>> letters = List.of();
                while (letters.size() < 4 && System.nanoTime() < deadline) {
                    letters = read(kafka.bootstrapServers(), Topics.RAW_HITS_DLQ.name(), Topics.RAW_HITS_DLQ.keySerde().deserializer(),
                            Topics.RAW_HITS_DLQ.valueSerde().deserializer());
                }
                assertThat(letters).hasSize(4);
                ConsumerRecord<byte[], byte[]> tooLong = letters.stream().filter(r -> r.headers().lastHeader(DeadLetter.HEADER_LENGTH) != null)
                        .findFirst().orElseThrow();
                assertThat(new String(tooLong.headers().lastHeader(DeadLetter.HEADER_LENGTH).value(), StandardCharsets.US_ASCII))
                        .isEqualTo(Integer.toString(longLine.length));
                assertThat(new String(tooLong.headers().lastHeader(DeadLetter.HEADER_LINE).value(), StandardCharsets.US_ASCII)).isEqualTo("101");
                assertThat(tooLong.value()).isEqualTo(Arrays.copyOf(longLine, tooLong.value().length));
                List<byte[]> processorLetters = letters.stream().filter(r -> r != tooLong).map(ConsumerRecord::value).toList();
                assertThat(processorLetters).containsExactlyElementsOf(badLines);
            }
        }
    }

    /** Every committed record of a one-partition topic. */
    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrap, String topic,
                                                          org.apache.kafka.common.serialization.Deserializer<K> keys,
                                                          org.apache.kafka.common.serialization.Deserializer<V> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> c = new KafkaConsumer<>(p, keys, values)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
