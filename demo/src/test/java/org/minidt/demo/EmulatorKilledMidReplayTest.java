package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.EmulatorMain;
import org.minidt.processor.ProcessorMain;

/**
 * Issue 14, fault 1: the emulator (a JVM of its own) is killed three times mid-replay and restarted about 5 s
 * later each time, with a processor (a JVM of its own) running. The pauses must not truncate a window nor
 * leave a hit in no histogram: the windows equal those of an uninterrupted run, each emitted once, none late,
 * and the run's last windows close at once on its END_OF_RUN (not after the 30 s source-silence timeout).
 */
class EmulatorKilledMidReplayTest {
    private static final int ROWS = 40_000;
    private static final String RUN = "killed-thrice";
    private static final long WINDOW_MS = 1000;

    @TempDir
    Path tmp;

    @Test
    void emulatorKilledThreeTimesMidReplayGivesTheWindowsOfAnUninterruptedRunNoneLate() throws Exception {
        List<String> file = Files.readAllLines(Path.of("../data/run000591/data_000000.txt"));
        List<String> rows = file.subList(1, ROWS + 1);
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("run000591"));
        Files.write(data.resolve("run000591").resolve("data_000000.txt"), file.subList(0, ROWS + 1));
        Path logs = Path.of("target", "emulator-killed");

        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start()) {
            s3.seed("killed", data);
            ServiceProcess processor = ServiceProcess.start("processor", ProcessorMain.class.getName(), Map.of(
                    "MINIDT_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "MINIDT_APPLICATION_ID", "emulator-killed",
                    "MINIDT_WINDOW_MS", Long.toString(WINDOW_MS), "MINIDT_STATE_DIR", tmp.resolve("state").toString()), logs);
            services.add(processor);
            Map<String, String> emulatorEnv = Map.of("MINIDT_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MINIDT_S3_ENDPOINT", s3.endpoint().toString(), "MINIDT_BUCKET", "killed", "MINIDT_PREFIX", "run000591/",
                    "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                    "MINIDT_FORMAT", "firmware-2020", "MINIDT_RATE", "4000", "MINIDT_RUN_ID", RUN, "MINIDT_CONTROL_PORT", "-1");

            for (int kill = 1; kill <= 3; kill++) {
                ServiceProcess emulator = ServiceProcess.start("emulator-" + kill, EmulatorMain.class.getName(), emulatorEnv, logs);
                services.add(emulator);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (committedLines(kafka.bootstrapServers()) < kill * 9_000L) {
                    assertThat(emulator.isAlive()).as("%s mid-replay; its log:%n%s", emulator, emulator.logText()).isTrue();
                    assertThat(System.nanoTime()).as("emulator %d sends", kill).isLessThan(deadline);
                    Thread.sleep(100);
                }
                emulator.kill();
                Thread.sleep(5_000);
            }
            ServiceProcess last = ServiceProcess.start("emulator-4", EmulatorMain.class.getName(), emulatorEnv, logs);
            services.add(last);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (last.isAlive()) {
                assertThat(System.nanoTime()).as("the last emulator finishes the run").isLessThan(deadline);
                Thread.sleep(100);
            }
            long endedNanos = System.nanoTime();
            assertThat(last.toString()).as(last.logText()).endsWith("(exited 0)");
            assertThat(committedLines(kafka.bootstrapServers())).isEqualTo(ROWS);

            Map<Long, long[]> expected = PlainWindowCount.of(rows, WINDOW_MS);
            List<WindowSummary> windows = windowsUntil(kafka.bootstrapServers(), expected.size(), processor);
            // Well within the 30 s source-silence timeout: the last windows closed on the run's END_OF_RUN.
            assertThat(System.nanoTime() - endedNanos).isLessThan(TimeUnit.SECONDS.toNanos(20));

            Map<Long, WindowSummary> byIndex = new TreeMap<>();
            windows.forEach(w -> assertThat(byIndex.put(w.window().index(), w)).as("window %d emitted once (no revision)", w.window().index()).isNull());
            assertThat(byIndex.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((index, counts) -> assertThat(PlainWindowCount.countsOf(byIndex.get(index))).as("window %d", index)
                    .containsExactly(counts));
            assertThat(windows).allSatisfy(w -> assertThat(w.accounting().lateWords()).as("late words in window %d", w.window().index()).isZero());
            assertThat(windows).allSatisfy(w -> assertThat(w.window().closedBy()).isNotEqualTo(WindowSummary.CLOSED_BY_SOURCE_SILENCE));
            assertThat(byIndex.get(((TreeMap<Long, WindowSummary>) byIndex).lastKey()).window().closedBy()).isEqualTo(WindowSummary.CLOSED_BY_END_OF_RUN);
        } finally {
            for (ServiceProcess p : services) {
                p.close();
            }
        }
    }

    /** Lines of the run committed on minidt.raw-hits so far (markers left out). */
    private static long committedLines(String bootstrap) {
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
                    if (!SourceMarker.isMarker(r.headers()) && RUN.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        for (byte b : r.value()) {
                            lines += b == '\n' ? 1 : 0;
                        }
                    }
                }
            }
            return lines;
        }
    }

    /** Every window message of the run on minidt.results, once {@code count} distinct windows have come (or 60 s passed). */
    private static List<WindowSummary> windowsUntil(String bootstrap, int count, ServiceProcess processor) {
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
                    if (r.value().run().equals(RUN)) {
                        windows.add(r.value());
                        seen.merge(r.value().window().index(), 1, Integer::sum);
                    }
                }
            }
            // Anything emitted a little later (a revision) would show here.
            for (ConsumerRecord<String, WindowSummary> r : c.poll(Duration.ofSeconds(2))) {
                if (r.value().run().equals(RUN)) {
                    windows.add(r.value());
                }
            }
        }
        return windows;
    }
}
