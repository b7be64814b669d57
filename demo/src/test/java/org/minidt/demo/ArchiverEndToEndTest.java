package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.archiver.Archiver;
import org.minidt.archiver.ArchiverConfig;
import org.minidt.archiver.ArchiverMain;
import org.minidt.common.ChamberHistogram;
import org.minidt.common.DaqFormat;
import org.minidt.common.Json;
import org.minidt.common.RunArchive;
import org.minidt.common.RunSummary;
import org.minidt.common.S3Settings;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.common.WindowSummary.ChamberSummary;
import org.minidt.dashboard.Dashboard;
import org.minidt.dashboard.DashboardConfig;
import org.minidt.dashboard.HeadlessChromium;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.Emulator;
import org.minidt.emulator.EmulatorConfig;
import org.minidt.emulator.Pacing;
import org.minidt.processor.MonitorTopology;
import org.minidt.processor.ProcessorConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archiver on real parts: Run000591 replayed through the emulator and the processor onto minidt.results on
 * an in-process broker, archived to an in-process S3 server. What lands in the bucket must equal the windows
 * on the topic and plain sums of them, also after the archiver was killed mid-run, and a replay must rewrite
 * the same bytes.
 */
class ArchiverEndToEndTest {
    private static final String RUN = "archive-it";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;
    static EmbeddedKafka kafka;
    static EmbeddedS3 s3;
    static S3Client client;
    static KafkaStreams streams;
    /** The run's windows as the processor put them on the topic: the highest revision of each index, in index order. */
    static List<WindowSummary> onTopic;

    @BeforeAll
    static void replayRun000591() throws Exception {
        kafka = EmbeddedKafka.start();
        s3 = EmbeddedS3.start();
        client = s3.client();
        s3.seed("minidt", Path.of("../data"));
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        // The emulator sends no end-of-run marker yet: the run's last windows close after this much source silence.
        ProcessorConfig processor = ProcessorConfig.defaults(kafka.bootstrapServers(), Files.createDirectories(tmp.resolve("streams")))
                .withSourceSilenceMs(2000);
        streams = new KafkaStreams(MonitorTopology.buildTopology(processor), MonitorTopology.streamsProperties(processor));
        streams.start();
        EmulatorConfig emulator = EmulatorConfig.s3Replay(kafka.bootstrapServers(), bucket("minidt"), "run000591/",
                DaqFormat.FIRMWARE_2020, Pacing.max(), false, RUN, "archive-it-emulator");
        long words = new Emulator(emulator).run(() -> false);
        onTopic = newestRevisions(windowsOnTopicUntil(RUN, words));
    }

    @AfterAll
    static void stop() throws Exception {
        streams.close();
        client.close();
        s3.close();
        kafka.close();
    }

    @Test
    void aReplayedRunAppearsInTheBucketEqualToItsWindowsOnTheTopic() throws Exception {
        archiveUntilTheRunEnded("archive-replayed");
        assertArchiveHolds("archive-replayed", RUN, onTopic);
    }

    @Test
    void aDashboardRestartedOnAnEmptyBrokerListsAndOpensTheArchivedRun() throws Exception {
        archiveUntilTheRunEnded("archive-history");
        try (EmbeddedKafka emptyKafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(emptyKafka.bootstrapServers());
            try (Dashboard dashboard = new Dashboard(DashboardConfig.defaults(emptyKafka.bootstrapServers(), "127.0.0.1", 0)
                    .withArchive(bucket("archive-history"))).start()) {
                // The topic may hold other tests' runs too: this one must be listed, from the archive only.
                JsonNode entry = null;
                for (JsonNode r : get(dashboard, "/api/runs")) {
                    entry = r.get("run").asText().equals(RUN) ? r : entry;
                }
                assertThat(entry).as("run %s listed", RUN).isNotNull();
                WindowSummary first = onTopic.get(0);
                WindowSummary last = onTopic.stream().max(Comparator.comparingLong(w -> w.window().index())).orElseThrow();
                assertThat(entry.get("archived").asBoolean()).isTrue();
                assertThat(entry.get("live").asBoolean()).isFalse();
                assertThat(entry.get("ended").asBoolean()).isTrue();
                assertThat(entry.get("start_ms").asLong()).isEqualTo(first.window().runStartMs());
                assertThat(entry.get("duration_ms").asLong()).isEqualTo(last.window().wallEndMs() - first.window().runStartMs());
                assertThat(entry.get("hits").asLong()).isEqualTo(onTopic.stream().mapToLong(WindowSummary::totalHits).sum());
                assertThat(entry.get("windows").asLong()).isEqualTo(onTopic.size());

                JsonNode run = get(dashboard, "/api/runs/" + RUN);
                assertThat(run.get("source").asText()).isEqualTo("archive");
                assertThat(run.get("summary").get("words_read").asLong()).isEqualTo(onTopic.stream().mapToLong(w -> w.accounting().wordsRead()).sum());
                for (int c = 0; c < 4; c++) {
                    for (ChamberHistogram h : ChamberHistogram.values()) {
                        long[] plain = plainSum(onTopic, c, h);
                        JsonNode counts = run.get("cumulative").get("chambers").get(c).get(h.id).get("bin_counts");
                        for (int i = 0; i < plain.length - 2; i++) {
                            assertThat(counts.get(i).asLong()).as("%s chamber %d bin %d", h.id, c, i).isEqualTo(plain[i + 1]);
                        }
                    }
                }
                WindowSummary[] windows = Json.MAPPER.treeToValue(get(dashboard, "/api/runs/" + RUN + "/windows"), WindowSummary[].class);
                assertThat(windows).containsExactlyElementsOf(onTopic.stream().sorted(Comparator.comparingLong(w -> w.window().index())).toList());
            }
        }
    }

    @Test
    void aJsrootExportOfTheDashboardDrawsInChromiumWithTheSameBinContents() throws Exception {
        archiveUntilTheRunEnded("archive-export");
        try (EmbeddedKafka emptyKafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(emptyKafka.bootstrapServers());
            try (Dashboard dashboard = new Dashboard(DashboardConfig.defaults(emptyKafka.bootstrapServers(), "127.0.0.1", 0)
                    .withArchive(bucket("archive-export"))).start();
                 JsrootPage page = new JsrootPage(Path.of("target/jsroot/node_modules/jsroot"));
                 HeadlessChromium browser = new HeadlessChromium()) {
                for (int c = 0; c < 4; c++) {
                    for (ChamberHistogram h : List.of(ChamberHistogram.OCCUPANCY, ChamberHistogram.DRIFT_TIME_NS)) {
                        String file = h.rootName(c);
                        byte[] json = getBytes(dashboard, "/api/runs/" + RUN + "/export/" + file + ".json");
                        List<Long> drawn = page.drawAndReadBack(browser, json);
                        assertThat(drawn).as("%s as JSROOT reads it: underflow, bins, overflow", file)
                                .containsExactly(java.util.Arrays.stream(plainSum(onTopic, c, h)).boxed().toArray(Long[]::new));

                        String[] csv = new String(getBytes(dashboard, "/api/runs/" + RUN + "/export/" + file + ".csv")).split("\n");
                        long[] plain = plainSum(onTopic, c, h);
                        assertThat(csv[0]).isEqualTo("bin_low,bin_high,count");
                        for (int i = 1; i < plain.length - 1; i++) {
                            assertThat(Long.parseLong(csv[i].substring(csv[i].lastIndexOf(',') + 1))).isEqualTo(plain[i]);
                        }
                    }
                }
            }
        }
    }

    /** Archives the topic into {@code bucket} with an in-process archiver until the run's summary says it ended. */
    private static void archiveUntilTheRunEnded(String bucket) throws Exception {
        ArchiverConfig config = ArchiverConfig.defaults(kafka.bootstrapServers(), bucket(bucket))
                .withGroupId("archiver-" + bucket).withTiming(200, 1500);
        AtomicBoolean stop = new AtomicBoolean();
        Thread archiver = new Thread(() -> new Archiver(config).run(stop::get), "archiver-" + bucket);
        archiver.start();
        try {
            awaitSummary(bucket, RUN, s -> s.ended() && s.windows() == onTopic.size());
        } finally {
            stop.set(true);
            archiver.join(30_000);
        }
    }

    /** Chamber {@code c}'s histogram {@code h} summed over {@code windows}: underflow, bins, overflow. */
    private static long[] plainSum(List<WindowSummary> windows, int c, ChamberHistogram h) {
        int bins = h.of(windows.get(0).chambers().get(c)).binCounts().length;
        long[] plain = new long[bins + 2];
        for (WindowSummary w : windows) {
            var hist = h.of(w.chambers().get(c));
            plain[0] += hist.underflow();
            for (int i = 0; i < bins; i++) {
                plain[i + 1] += hist.binCounts()[i];
            }
            plain[bins + 1] += hist.overflow();
        }
        return plain;
    }

    private static JsonNode get(Dashboard dashboard, String path) throws Exception {
        return Json.MAPPER.readTree(getBytes(dashboard, path));
    }

    private static byte[] getBytes(Dashboard dashboard, String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET %s: %s", path, new String(r.body())).isEqualTo(200);
        return r.body();
    }

    @Test
    void anArchiverKilledMidRunAndRestartedLeavesTheSameObjectsAndAReplayRewritesThemByteForByte() throws Exception {
        String run = "archive-killed";
        String bucket = "archive-killed";
        List<WindowSummary> windows = onTopic.stream().map(w -> new WindowSummary(w.schema(), run, w.window(), w.totalHits(),
                w.chambers(), w.scintillator(), w.accounting(), w.settings())).toList();
        int half = windows.size() / 2;
        Map<String, String> env = Map.of("MINIDT_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "MINIDT_S3_ENDPOINT", s3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                "MINIDT_RESULTS_BUCKET", bucket, "MINIDT_ARCHIVER_GROUP_ID", "archiver-killed",
                "MINIDT_WRITE_INTERVAL_MS", "300", "MINIDT_RUN_END_QUIET_MS", "3000");
        Path logs = tmp.resolve("logs");
        try (KafkaProducer<String, WindowSummary> producer = producer()) {
            ServiceProcess first = ServiceProcess.start("archiver-1", ArchiverMain.class.getName(), env, logs);
            try {
                send(producer, windows.subList(0, half));
                awaitSummary(bucket, run, s -> s.windows() == half);
                send(producer, windows.subList(half, half + 3));
            } finally {
                first.kill();
            }
            // The run goes on while no archiver runs.
            send(producer, windows.subList(half + 3, windows.size()));
            try (ServiceProcess second = ServiceProcess.start("archiver-2", ArchiverMain.class.getName(), env, logs)) {
                awaitSummary(bucket, run, s -> s.ended() && s.windows() == windows.size());
                assertThat(second.isAlive()).as(second.logText()).isTrue();
            }
        }
        assertArchiveHolds(bucket, run, windows);

        Map<String, byte[]> before = objects(bucket, RunArchive.runPrefix(run));
        ArchiverConfig replay = ArchiverConfig.defaults(kafka.bootstrapServers(), bucket(bucket))
                .withGroupId("archiver-replay").withTiming(200, 1500);
        AtomicBoolean stop = new AtomicBoolean();
        Thread archiver = new Thread(() -> new Archiver(replay).run(stop::get), "archiver-replay");
        archiver.start();
        try {
            awaitCommittedToEnd("archiver-replay");
        } finally {
            stop.set(true);
            archiver.join(30_000);
        }
        Map<String, byte[]> after = objects(bucket, RunArchive.runPrefix(run));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((key, bytes) -> assertThat(after.get(key)).as(key).isEqualTo(bytes));
    }

    /**
     * The bucket holds exactly the run's objects: the window parts equal {@code windows}, and the summary,
     * the cumulative sums and every ROOT histogram equal plain sums of them.
     */
    private static void assertArchiveHolds(String bucket, String run, List<WindowSummary> windows) throws Exception {
        List<WindowSummary> byIndex = windows.stream().sorted(Comparator.comparingLong(w -> w.window().index())).toList();
        Set<String> partKeys = new TreeSet<>();
        byIndex.forEach(w -> partKeys.add(RunArchive.windowsKey(run, w.window().index())));
        Set<String> expectedKeys = new TreeSet<>(partKeys);
        expectedKeys.add(RunArchive.summaryKey(run));
        expectedKeys.add(RunArchive.cumulativeKey(run));
        for (int c = 0; c < 4; c++) {
            for (ChamberHistogram h : ChamberHistogram.values()) {
                expectedKeys.add(RunArchive.histogramKey(run, c, h));
            }
        }
        Map<String, byte[]> objects = objects(bucket, RunArchive.runPrefix(run));
        assertThat(objects.keySet()).isEqualTo(expectedKeys);

        RunSummary summary = Json.fromBytes(objects.get(RunArchive.summaryKey(run)), RunSummary.class);
        assertThat(summary.parts().windows()).containsExactlyElementsOf(partKeys);
        List<WindowSummary> archived = new ArrayList<>();
        for (String part : summary.parts().windows()) {
            archived.addAll(List.of(Json.fromBytes(objects.get(part), WindowSummary[].class)));
        }
        assertThat(archived).containsExactlyElementsOf(byIndex);

        long words = 0;
        long[] chamberHits = new long[4];
        for (WindowSummary w : windows) {
            words += w.accounting().wordsRead();
            for (ChamberSummary c : w.chambers()) {
                chamberHits[c.chamber()] += c.hits();
            }
        }
        WindowSummary first = byIndex.get(0);
        WindowSummary last = byIndex.get(byIndex.size() - 1);
        long start = first.window().runStartMs();
        assertThat(summary.run()).isEqualTo(run);
        assertThat(summary.wordsRead()).isEqualTo(words);
        assertThat(summary.chamberHits()).containsExactly(chamberHits[0], chamberHits[1], chamberHits[2], chamberHits[3]);
        assertThat(summary.startMs()).isEqualTo(start);
        assertThat(summary.endMs()).isEqualTo(last.window().wallEndMs());
        assertThat(summary.durationMs()).isEqualTo(last.window().wallEndMs() - start);
        assertThat(summary.firstWindowIndex()).isEqualTo(first.window().index());
        assertThat(summary.lastWindowIndex()).isEqualTo(last.window().index());

        JsonNode cumulative = Json.MAPPER.readTree(objects.get(RunArchive.cumulativeKey(run)));
        assertThat(cumulative.get("total_hits").asLong()).isEqualTo(windows.stream().mapToLong(WindowSummary::totalHits).sum());
        for (int c = 0; c < 4; c++) {
            for (ChamberHistogram h : ChamberHistogram.values()) {
                long[] plain = plainSum(windows, c, h);
                int bins = plain.length - 2;
                JsonNode th1 = Json.MAPPER.readTree(objects.get(RunArchive.histogramKey(run, c, h)));
                List<Long> fArray = new ArrayList<>();
                th1.get("fArray").forEach(n -> fArray.add(n.asLong()));
                assertThat(fArray).as("%s chamber %d", h.id, c).containsExactly(java.util.Arrays.stream(plain).boxed().toArray(Long[]::new));
                JsonNode sums = cumulative.get("chambers").get(c).get(h.id).get("bin_counts");
                for (int i = 0; i < bins; i++) {
                    assertThat(sums.get(i).asLong()).isEqualTo(plain[i + 1]);
                }
            }
        }
    }

    private static RunSummary awaitSummary(String bucket, String run, Predicate<RunSummary> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RunSummary s = null;
        while (System.nanoTime() < deadline) {
            try {
                s = Json.fromBytes(client.getObjectAsBytes(b -> b.bucket(bucket).key(RunArchive.summaryKey(run))).asByteArray(), RunSummary.class);
                if (done.test(s)) {
                    return s;
                }
            } catch (NoSuchKeyException | NoSuchBucketException e) {
                // not written yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("summary of " + run + " in " + bucket + " never as expected; last: " + s);
    }

    private static void awaitCommittedToEnd(String group) throws Exception {
        TopicPartition tp = new TopicPartition(Topics.RESULTS.name(), 0);
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(p); KafkaConsumer<String, String> c = consumer()) {
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
                if (o != null && o.offset() >= end) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("archiver group " + group + " never committed to the end of " + Topics.RESULTS);
    }

    private static Map<String, byte[]> objects(String bucket, String prefix) {
        Map<String, byte[]> out = new TreeMap<>();
        for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            out.put(o.key(), client.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
        }
        return out;
    }

    private static void send(KafkaProducer<String, WindowSummary> producer, List<WindowSummary> windows) throws Exception {
        for (WindowSummary w : windows) {
            producer.send(new ProducerRecord<>(Topics.RESULTS.name(), w.run(), w)).get();
            Thread.sleep(50);
        }
    }

    /** What a reader must keep of a run's messages: the highest revision of each window index, in index order. */
    private static List<WindowSummary> newestRevisions(List<WindowSummary> messages) {
        Map<Long, WindowSummary> newest = new TreeMap<>();
        for (WindowSummary w : messages) {
            newest.merge(w.window().index(), w, (a, b) -> b.window().revision() >= a.window().revision() ? b : a);
        }
        return List.copyOf(newest.values());
    }

    /** Every message of {@code run} on the topic (revisions too), until the newest revisions account for {@code words}. */
    private static List<WindowSummary> windowsOnTopicUntil(String run, long words) {
        List<WindowSummary> out = new ArrayList<>();
        long read = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<String, WindowSummary> c = new KafkaConsumer<>(consumerProps(), Topics.RESULTS.keySerde().deserializer(),
                Topics.RESULTS.valueSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(Topics.RESULTS.name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            while (read < words && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, WindowSummary> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value().run().equals(run)) {
                        out.add(r.value());
                    }
                }
                read = newestRevisions(out).stream().mapToLong(w -> w.accounting().wordsRead()).sum();
            }
        }
        assertThat(read).as("words accounted for in the windows of " + run).isEqualTo(words);
        return out;
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer());
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    private static KafkaProducer<String, WindowSummary> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        return new KafkaProducer<>(p, Topics.RESULTS.keySerde().serializer(), Topics.RESULTS.valueSerde().serializer());
    }

    private static S3Settings bucket(String name) {
        return new S3Settings(s3.endpoint().toString(), EmbeddedS3.REGION, name, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
    }
}
