package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
import org.minidt.dashboard.DashboardMain;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.EmulatorMain;
import org.minidt.processor.ProcessorMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14, broker outage: with the emulator, the processor and the dashboard running (each a JVM of its own), the
 * broker is stopped for 30 s mid-replay and restarted on the same port and log directory. Every service recovers
 * by itself; the final windows (newest revision of each) equal the plain reference count, none is emitted twice with
 * the same revision, none has a late word, and the dashboard is healthy again with the run's last window.
 */
class BrokerOutageTest {
    private static final Logger log = LoggerFactory.getLogger(BrokerOutageTest.class);
    private static final int ROWS = 40_000;
    private static final String RUN = "broker-outage";
    private static final long WINDOW_MS = 1000;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void brokerStoppedThirtySecondsMidReplayEveryServiceRecoversAndTheWindowsEqualTheReference() throws Exception {
        List<String> file = Files.readAllLines(Path.of("../data/run000591/data_000000.txt"));
        List<String> rows = file.subList(1, ROWS + 1);
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("run000591"));
        Files.write(data.resolve("run000591").resolve("data_000000.txt"), file.subList(0, ROWS + 1));
        Path logs = Path.of("target", "broker-outage");
        int httpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            httpPort = s.getLocalPort();
        }

        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start()) {
            s3.seed("outage", data);
            String bootstrap = kafka.bootstrapServers();
            ServiceProcess processor = ServiceProcess.start("processor", ProcessorMain.class.getName(), Map.of(
                    "MINIDT_BOOTSTRAP_SERVERS", bootstrap, "MINIDT_APPLICATION_ID", "broker-outage",
                    "MINIDT_STATE_DIR", tmp.resolve("state").toString()), logs);
            services.add(processor);
            ServiceProcess dashboard = ServiceProcess.start("dashboard", DashboardMain.class.getName(), Map.of(
                    "MINIDT_BOOTSTRAP_SERVERS", bootstrap, "MINIDT_HTTP_HOST", "127.0.0.1", "MINIDT_HTTP_PORT", Integer.toString(httpPort)), logs);
            services.add(dashboard);
            ServiceProcess emulator = ServiceProcess.start("emulator", EmulatorMain.class.getName(), Map.of("MINIDT_BOOTSTRAP_SERVERS", bootstrap,
                    "MINIDT_S3_ENDPOINT", s3.endpoint().toString(), "MINIDT_BUCKET", "outage", "MINIDT_PREFIX", "run000591/",
                    "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                    "MINIDT_FORMAT", "firmware-2020", "MINIDT_RATE", "2000", "MINIDT_RUN_ID", RUN, "MINIDT_CONTROL_PORT", "-1"), logs);
            services.add(emulator);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (RunTopics.committedLines(bootstrap, RUN) < 12_000) {
                assertThat(emulator.isAlive()).as("%s mid-replay; its log:%n%s", emulator, emulator.logText()).isTrue();
                assertThat(System.nanoTime()).as("the emulator sends").isLessThan(deadline);
                Thread.sleep(100);
            }
            kafka.stop();
            Thread.sleep(OUTAGE.toMillis());
            kafka.restart();
            long restartedNanos = System.nanoTime();

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (emulator.isAlive()) {
                assertThat(System.nanoTime()).as("the emulator finishes the run after the outage").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(emulator.toString()).as(emulator.logText()).endsWith("(exited 0)");
            assertThat(RunTopics.committedLines(bootstrap, RUN)).as("every line once on the raw topic").isEqualTo(ROWS);

            Map<Long, long[]> expected = PlainWindowCount.of(rows, WINDOW_MS);
            List<WindowSummary> windows = RunTopics.windowsUntil(bootstrap, RUN, expected.size(), processor);
            Set<String> messages = new HashSet<>();
            Map<Long, WindowSummary> last = new TreeMap<>();
            for (WindowSummary w : windows) {
                assertThat(messages.add(w.window().index() + "/" + w.window().revision()))
                        .as("window %d revision %d emitted once", w.window().index(), w.window().revision()).isTrue();
                last.merge(w.window().index(), w, (a, b) -> b.window().revision() > a.window().revision() ? b : a);
            }
            assertThat(last.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((index, counts) -> assertThat(PlainWindowCount.countsOf(last.get(index))).as("window %d", index)
                    .containsExactly(counts));
            assertThat(last.values()).allSatisfy(w -> assertThat(w.accounting().lateWords()).isZero());
            assertThat(processor.isAlive()).as("the processor rode out the outage; its log:%n%s", processor.logText()).isTrue();

            JsonNode health = awaitDashboardHealthy(httpPort, dashboard, expected.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
            log.info("recovered {} s after the broker restart: {} windows ({} messages, {} revisions); dashboard {}",
                    (System.nanoTime() - restartedNanos) / 1_000_000_000L, last.size(), windows.size(),
                    windows.stream().filter(w -> w.window().revision() > 0).count(), health);
        } finally {
            for (ServiceProcess p : services) {
                p.close();
            }
        }
    }

    /** Polls the dashboard's /api/health until it is UP and shows the run's last window. */
    private static JsonNode awaitDashboardHealthy(int port, ServiceProcess dashboard, long lastIndex) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            assertThat(dashboard.isAlive()).as("%s; its log:%n%s", dashboard, dashboard.logText()).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                health = Json.MAPPER.readTree(r.body());
                if (r.statusCode() == 200 && "UP".equals(health.path("status").asText()) && RUN.equals(health.path("latest_run").asText())
                        && health.path("latest_window_index").asLong() == lastIndex) {
                    return health;
                }
            } catch (java.io.IOException e) {
                // not answering yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("dashboard not healthy with window " + lastIndex + " of " + RUN + ": " + health + "\n" + dashboard.logText());
    }
}
