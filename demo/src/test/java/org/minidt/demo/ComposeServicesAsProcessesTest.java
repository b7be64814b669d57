package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.archiver.ArchiverMain;
import org.minidt.common.Json;
import org.minidt.common.RunArchive;
import org.minidt.common.RunSummary;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.dashboard.Poll;
import org.minidt.dashboard.DashboardMain;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.EmulatorMain;
import org.minidt.processor.ProcessorConfig;
import org.minidt.processor.ProcessorMain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * docker compose without a Docker engine: every service of docker-compose.yml runs its real entry point in a
 * JVM of its own, with the environment the compose file gives it, against the in-process broker and S3
 * server standing in for the kafka and minio services. Two processor processes share the work, as with
 * {@code --scale processor=2}; the archiver keeps the runs in its bucket.
 */
class ComposeServicesAsProcessesTest {
    private static final int ROWS = 20_000;
    private static final int RUNS_CHECKED = 3;
    private static final Map<String, String> MAIN_CLASS = Map.of(
            "emulator", EmulatorMain.class.getName(),
            "processor", ProcessorMain.class.getName(),
            "dashboard", DashboardMain.class.getName(),
            "archiver", ArchiverMain.class.getName());

    @TempDir
    Path tmp;

    @Test
    void composeServicesAsSeparateProcessesGiveTheDashboardCorrectWindows() throws Exception {
        ComposeFile compose = new ComposeFile(Path.of("../docker-compose.yml"));
        Map<String, String> emulatorEnv = compose.environment("emulator");
        List<String> file = Files.readAllLines(Path.of("../data/run000591/data_000000.txt"));
        List<String> rows = file.subList(1, ROWS + 1);
        Path data = tmp.resolve("data");
        Path prefixDir = data.resolve(emulatorEnv.get("MINIDT_PREFIX"));
        Files.createDirectories(prefixDir);
        Files.write(prefixDir.resolve("data_000000.txt"), file.subList(0, ROWS + 1));
        Path logs = Path.of("target", "compose-processes");

        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start()) {
            s3.seed(emulatorEnv.get("MINIDT_BUCKET"), data);
            Map<String, String> infrastructure = Map.of(
                    "MINIDT_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MINIDT_S3_ENDPOINT", s3.endpoint().toString());
            int httpPort = freePort();
            // Containers have a file system and ports of their own; processes on one host do not.
            services.add(start(compose, "processor", "processor-1", infrastructure,
                    Map.of("MINIDT_STATE_DIR", tmp.resolve("p1").toString(), "MINIDT_METRICS_PORT", "0"), logs));
            services.add(start(compose, "processor", "processor-2", infrastructure,
                    Map.of("MINIDT_STATE_DIR", tmp.resolve("p2").toString(), "MINIDT_METRICS_PORT", "0"), logs));
            services.add(start(compose, "dashboard", "dashboard", infrastructure,
                    Map.of("MINIDT_HTTP_HOST", "127.0.0.1", "MINIDT_HTTP_PORT", Integer.toString(httpPort)), logs));
            services.add(start(compose, "archiver", "archiver", infrastructure, Map.of("MINIDT_WRITE_INTERVAL_MS", "500"), logs));
            // The one deviation from the compose settings: a faster replay, so that several runs pass in seconds.
            services.add(start(compose, "emulator", "emulator", infrastructure,
                    Map.of("MINIDT_RATE", "20000", "MINIDT_CONTROL_HOST", "127.0.0.1", "MINIDT_CONTROL_PORT", "0"), logs));

            Map<String, Map<Long, WindowSummary>> runs = readRunsUntilComplete(kafka.bootstrapServers(), services);
            // The compose file restates no processor default: the window is the processor's own unless it sets one.
            long windowMs = Long.parseLong(compose.environment("processor").getOrDefault("MINIDT_WINDOW_MS",
                    Long.toString(ProcessorConfig.DEFAULT_WINDOW_MS)));
            Map<Long, long[]> expected = PlainWindowCount.of(rows, windowMs);
            assertThat(runs).hasSizeGreaterThanOrEqualTo(RUNS_CHECKED);
            runs.values().stream().limit(RUNS_CHECKED).forEach(windows -> {
                assertThat(windows.keySet()).containsExactlyElementsOf(expected.keySet());
                expected.forEach((index, counts) -> assertThat(PlainWindowCount.countsOf(windows.get(index)))
                        .as("window %d", index).containsExactly(counts));
            });

            assertBothProcessorsJoinedTheGroup(kafka.bootstrapServers(),
                    compose.environment("processor").getOrDefault("MINIDT_APPLICATION_ID", ProcessorConfig.DEFAULT_APPLICATION_ID));
            assertTheDashboardReceivedTheseWindows(httpPort, runs, expected);
            assertTheArchiveHoldsTheseRuns(s3, compose.environment("archiver").get("MINIDT_RESULTS_BUCKET"), runs);
        } finally {
            for (ServiceProcess p : services) {
                p.close();
            }
        }
    }

    private static ServiceProcess start(ComposeFile compose, String service, String name, Map<String, String> infrastructure,
                                        Map<String, String> overrides, Path logs) throws Exception {
        Map<String, String> env = new HashMap<>(compose.environment(service));
        env.replaceAll((k, v) -> infrastructure.getOrDefault(k, v));
        env.putAll(overrides);
        return ServiceProcess.start(name, MAIN_CLASS.get(compose.buildModule(service)), env, logs);
    }

    /** Window messages by run (in run order), until the first runs have every word accounted for. */
    private static Map<String, Map<Long, WindowSummary>> readRunsUntilComplete(String bootstrap, List<ServiceProcess> services) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "compose-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Map<Long, WindowSummary>> runs = new TreeMap<>(ComposeServicesAsProcessesTest::byPass);
        Map<String, Long> words = new HashMap<>();
        try (KafkaConsumer<String, WindowSummary> consumer = new KafkaConsumer<>(p, Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            Poll.until(Duration.ofSeconds(300), Duration.ZERO, () -> "runs complete; services: " + services, () -> {
                if (completeRuns(runs, words) >= RUNS_CHECKED) {
                    return true;
                }
                services.forEach(s -> assertThat(s.isAlive()).as("%s is running; its log:%n%s", s, s.logText()).isTrue());
                for (ConsumerRecord<String, WindowSummary> r : consumer.poll(Duration.ofMillis(500))) {
                    WindowSummary w = r.value();
                    WindowSummary before = runs.computeIfAbsent(w.run(), k -> new TreeMap<>()).put(w.window().index(), w);
                    assertThat(before).as("window %d of %s emitted once", w.window().index(), w.run()).isNull();
                    words.merge(w.run(), w.accounting().wordsRead(), Long::sum);
                }
                return false;
            });
        }
        return runs;
    }

    /** Runs whose windows account for every row, counted from the first run on. */
    private static long completeRuns(Map<String, Map<Long, WindowSummary>> runs, Map<String, Long> words) {
        return runs.keySet().stream().limit(RUNS_CHECKED).filter(r -> words.getOrDefault(r, 0L) == ROWS).count();
    }

    /** Loop passes are named ...-pass1, ...-pass2, ...: order them by number. */
    private static int byPass(String a, String b) {
        return Long.compare(passOf(a), passOf(b));
    }

    private static long passOf(String run) {
        return Long.parseLong(run.substring(run.lastIndexOf("-pass") + 5));
    }

    private static void assertBothProcessorsJoinedTheGroup(String bootstrap, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get().get(applicationId);
            assertThat(group.members()).hasSize(2);
            assertThat(group.members()).allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
        }
    }

    /** The dashboard must come to hold every window of the checked runs, each equal to the reference. */
    private static void assertTheDashboardReceivedTheseWindows(int port, Map<String, Map<Long, WindowSummary>> runs,
                                                               Map<Long, long[]> expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> checked = runs.keySet().stream().limit(RUNS_CHECKED).toList();
        Map<String, Map<Long, long[]>> shown = new HashMap<>();
        Poll.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> "the dashboard holds every window of " + checked + "; it has " + shown.keySet(), () -> {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/windows")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).isEqualTo(200);
            shown.clear();
            for (WindowSummary w : Json.MAPPER.readValue(answer.body(), WindowSummary[].class)) {
                shown.computeIfAbsent(w.run(), k -> new TreeMap<>()).put(w.window().index(), PlainWindowCount.countsOf(w));
            }
            return checked.stream().allMatch(r -> shown.getOrDefault(r, Map.of()).keySet().equals(expected.keySet()));
        });
        for (String run : checked) {
            expected.forEach((index, counts) -> assertThat(shown.get(run).get(index)).as("%s window %d on the dashboard", run, index)
                    .containsExactly(counts));
        }
    }

    /** The archiver must come to hold every window of the checked runs in its bucket. */
    private static void assertTheArchiveHoldsTheseRuns(EmbeddedS3 s3, String bucket, Map<String, Map<Long, WindowSummary>> runs) throws Exception {
        List<String> checked = runs.keySet().stream().limit(RUNS_CHECKED).toList();
        try (S3Client client = s3.client()) {
            for (String run : checked) {
                Poll.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> "the archive holds every window of " + run, () -> {
                    try {
                        RunSummary summary = Json.fromBytes(client.getObjectAsBytes(b -> b.bucket(bucket).key(RunArchive.summaryKey(run))).asByteArray(),
                                RunSummary.class);
                        if (summary.windows() == runs.get(run).size()) {
                            assertThat(summary.wordsRead()).isEqualTo(ROWS);
                            return true;
                        }
                    } catch (NoSuchKeyException | NoSuchBucketException e) {
                        // not written yet
                    }
                    return false;
                });
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
