package org.minidt.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqTime;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window latency as an operator sees it (not a test): several runs of Run000591's first seconds sent in real
 * time (frames every 20 ms of detector time, as the emulator's frame delay), processed by the service in its
 * own JVM; for each window, emitted_ms and the time a read_committed reader got it, against the moment it
 * could first close (wall end + grace).
 *
 * <p>Run with {@code BENCH_MAIN=org.minidt.processor.LiveLatencyBenchmark processor/bench.sh [runs] [seconds]}.
 */
public final class LiveLatencyBenchmark {
    private static final Logger log = LoggerFactory.getLogger(LiveLatencyBenchmark.class);
    private static final long FRAME_MS = 20;
    private static final long GRACE_MS = 1000;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<String> all = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        long startTicks = DaqFiles.run("probe", all, 0).startTicks();
        Map<Long, List<String>> slots = new TreeMap<>();
        for (String line : all) {
            String[] f = line.split(",");
            long ticks = DaqTime.ticks(Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]));
            if (ticks - startTicks < seconds * 1000L * DaqTime.TICKS_PER_MS) {
                slots.computeIfAbsent(Math.floorDiv(ticks - startTicks, FRAME_MS * DaqTime.TICKS_PER_MS), s -> new ArrayList<>()).add(line);
            }
        }
        long words = slots.values().stream().mapToLong(List::size).sum() * runs;
        Path work = Files.createTempDirectory("minidt-latency-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            try (ProcessorProcess processor = ProcessorProcess.start(List.of("-Xmx512m"),
                    List.of("--bootstrap-servers", kafka.bootstrapServers(), "--application-id", "latency", "--state-dir",
                            work.resolve("state").toString(), "--grace-ms", Long.toString(GRACE_MS), "--metrics-log-interval-ms", "5000"),
                    work.resolve("processor.log"))) {
                while (!processor.output().contains("-> RUNNING")) {
                    Thread.sleep(100);
                }
                long startEpochMs = System.currentTimeMillis() + 1000;
                List<RunInfo> runInfos = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    runInfos.add(DaqFiles.run(String.format("live-%02d", r), all, startEpochMs));
                }
                log.info("sending {} runs x {} s in real time: {} words, {} hits/s", runs, seconds, words, words / seconds);
                Thread sender = new Thread(() -> send(kafka.bootstrapServers(), slots, runInfos, startEpochMs), "paced-sender");
                sender.start();
                long windowsPerRun = slots.keySet().stream().map(slot -> Math.floorDiv(slot * FRAME_MS, 1000)).distinct().count();
                report(read(kafka.bootstrapServers(), (int) windowsPerRun * runs, Duration.ofSeconds(seconds + 60)));
                sender.join();
                log.info("processor: {}", processor.output().lines().filter(l -> l.contains("metrics:")).reduce((a, b) -> b).orElse("?"));
            }
        }
    }

    private static void send(String bootstrap, Map<Long, List<String>> slots, List<RunInfo> runs, long startEpochMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long line = 1;
            for (Map.Entry<Long, List<String>> slot : slots.entrySet()) {
                long sendAt = startEpochMs + (slot.getKey() + 1) * FRAME_MS;
                long wait = sendAt - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                for (RunInfo run : runs) {
                    RawFrame.Builder frame = new RawFrame.Builder();
                    slot.getValue().forEach(frame::add);
                    producer.send(frame.build(run, "run000591/data_000000.txt", line).toProducerRecord(Topics.RAW_HITS.name(), sendAt));
                }
                line += slot.getValue().size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Seen(WindowSummary window, long receivedMs) {
    }

    private static List<Seen> read(String bootstrap, int atMost, Duration patience) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Seen> seen = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            while (seen.size() < atMost && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                    seen.add(new Seen(MonitorDriver.parse(r.value().getBytes()), System.currentTimeMillis()));
                }
            }
        }
        return seen;
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** Per closing cause: windows, and the median, 99th percentile and largest delays after wall end + grace. */
    private static void report(List<Seen> seen) {
        Map<String, List<long[]>> byCause = new HashMap<>();
        for (Seen s : seen) {
            long due = s.window.window().wallEndMs() + GRACE_MS;
            byCause.computeIfAbsent(s.window.window().closedBy(), c -> new ArrayList<>())
                    .add(new long[] {s.window.window().emittedMs() - due, s.receivedMs - due});
        }
        byCause.forEach((cause, delays) -> {
            long[] emitted = delays.stream().mapToLong(d -> d[0]).sorted().toArray();
            long[] received = delays.stream().mapToLong(d -> d[1]).sorted().toArray();
            log.info("RESULT closed_by={} windows={} emitted after wall end + grace: median {} ms, p99 {} ms, max {} ms; "
                            + "visible to a read_committed reader: median {} ms, p99 {} ms, max {} ms", cause, delays.size(),
                    quantile(emitted, 0.5), quantile(emitted, 0.99), emitted[emitted.length - 1],
                    quantile(received, 0.5), quantile(received, 0.99), received[received.length - 1]);
        });
        seen.stream().filter(s -> s.receivedMs - s.window.window().wallEndMs() - GRACE_MS > 1000).forEach(s -> log.info(
                "slow window {}/{} visible {} ms after wall end + grace", s.window.run(), s.window.window().index(),
                s.receivedMs - s.window.window().wallEndMs() - GRACE_MS));
    }
}
