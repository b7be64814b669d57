package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.Json;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two processor instances with the same application id share the runs; one leaves in the middle of the replay
 * and the other takes its runs over. Every window comes out once, with the numbers of a single processor.
 */
class ScaleOutTest {
    private static final Logger log = LoggerFactory.getLogger(ScaleOutTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Pattern HITS = Pattern.compile("metrics: hits (\\d+)");

    @Test
    void twoInstancesShareTheRunsAndOneLeavingMidReplayLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        List<String> runs = runsOnEveryPartition();
        RecoveryFixture fixture = new RecoveryFixture(runs, 40_000, 1000);
        int half = fixture.frames.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            String bootstrap = kafka.bootstrapServers();
            try (ProcessorProcess a = startInstance(bootstrap, dir, "a", null, "--metrics-port", "0");
                 ProcessorProcess b = startInstance(bootstrap, dir, "b", null)) {
                awaitRunning(b);
                awaitRunning(a);
                BrokerIO.send(bootstrap, fixture.frames.subList(0, half));
                // Both instances have emitted windows of their runs: now one leaves (SIGTERM, as on scale-down).
                awaitWindowsOfEveryRun(results, runs, a);
                b.close();
                assertThat(hitsProcessed(b)).as("instance b worked before leaving").isPositive();
                BrokerIO.send(bootstrap, fixture.frames.subList(half, fixture.frames.size()));
                List<WindowSummary> all = results.awaitAtLeast(fixture.expected.size(), PATIENCE, a::isAlive);
                fixture.assertSameWindows(all);
                assertMetricsEndpointShowsTheWork(a, all.size());
                a.close();
                assertThat(hitsProcessed(a)).as("instance a worked").isPositive();
            } finally {
                log.info("instance logs:\n{}\n{}", Files.readString(dir.resolve("a.log")), Files.readString(dir.resolve("b.log")));
            }
        }
    }

    /**
     * Issue 14 item 9: with static membership, an instance killed (SIGKILL) mid-replay keeps its runs until its session
     * times out; the survivor then takes them over. Measured: from the kill to the first new window of every run.
     */
    @Test
    void aKilledInstancesRunsAreTakenOverWithinSeconds(@TempDir Path dir) throws Exception {
        List<String> runs = runsOnEveryPartition();
        RecoveryFixture fixture = new RecoveryFixture(runs, 40_000, 1000);
        int half = fixture.frames.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            String bootstrap = kafka.bootstrapServers();
            try (ProcessorProcess a = startInstance(bootstrap, dir, "a", "host-a");
                 ProcessorProcess b = startInstance(bootstrap, dir, "b", "host-b")) {
                awaitRunning(b);
                awaitRunning(a);
                BrokerIO.send(bootstrap, fixture.frames.subList(0, half));
                awaitWindowsOfEveryRun(results, runs, a);
                assertThat(awaitHitsProcessed(b)).as("instance b has runs").isPositive();
                b.kill();
                long killedAt = System.nanoTime();
                int seenAtKill = results.seen().size();
                BrokerIO.send(bootstrap, fixture.frames.subList(half, fixture.frames.size()));
                Map<String, Long> takenOverMs = new HashMap<>();
                while (takenOverMs.size() < runs.size()) {
                    List<WindowSummary> seen = results.awaitAtLeast(results.seen().size() + 1, PATIENCE, a::isAlive);
                    long ms = (System.nanoTime() - killedAt) / 1_000_000;
                    seen.subList(seenAtKill, seen.size()).forEach(w -> takenOverMs.putIfAbsent(w.run(), ms));
                }
                long worst = takenOverMs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                log.info("failover: first new window per run after the kill, ms: {}; worst {} ms", takenOverMs, worst);
                assertThat(worst).as("ms from the kill until every run has a new window").isLessThan(30_000);
                fixture.assertSameWindows(results.awaitAtLeast(fixture.expected.size(), PATIENCE, a::isAlive));
            } finally {
                log.info("instance logs:\n{}\n{}", Files.readString(dir.resolve("a.log")), Files.readString(dir.resolve("b.log")));
            }
        }
    }

    /** A service JVM with its state in dir/name and its log in dir/name.log. */
    private static ProcessorProcess startInstance(String bootstrap, Path dir, String name, String instanceId, String... extraArgs) {
        List<String> args = new ArrayList<>(RecoveryFixture.processorArgs(bootstrap, dir.resolve(name).toString(), instanceId));
        args.addAll(List.of(extraArgs));
        return ProcessorProcess.start(List.of("-Xmx512m"), args, dir.resolve(name + ".log"));
    }

    /** Instance a's HTTP endpoint: healthy, and its counters cover the windows it emitted. */
    private static void assertMetricsEndpointShowsTheWork(ProcessorProcess a, int windows) throws Exception {
        Matcher port = Pattern.compile("metrics on http://127.0.0.1:(\\d+)/metrics").matcher(a.output());
        assertThat(port.find()).as(a.output()).isTrue();
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port.group(1));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        double cpuBeforeS = a.cpu().toNanos() / 1e9;
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double cpuAfterS = a.cpu().toNanos() / 1e9;
        JsonNode json = Json.MAPPER.readTree(metrics.body());
        // The instance's own CPU figure is its whole JVM's, as the OS counts it (in 10 ms ticks).
        assertThat(json.get("cpu_seconds").asDouble()).isBetween(cpuBeforeS - 0.02, cpuAfterS + 0.02);
        assertThat(json.get("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get("hits_total").asLong()).isPositive();
        assertThat(json.get("windows_emitted").asLong()).isPositive().isLessThanOrEqualTo(windows);
        assertThat(json.get("late_words").asLong()).isZero();
        assertThat(json.get("malformed_words").asLong()).isZero();
    }

    /** Run ids whose records land on each of the 8 partitions (Kafka's key partitioner: murmur2). */
    private static List<String> runsOnEveryPartition() {
        List<String> runs = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; partitions.size() < Topics.RAW_HITS_PARTITIONS; i++) {
            String run = "scale-" + i;
            if (partitions.add(Utils.toPositive(Utils.murmur2(run.getBytes(StandardCharsets.UTF_8))) % Topics.RAW_HITS_PARTITIONS)) {
                runs.add(run);
            }
        }
        return runs;
    }

    private static void awaitRunning(ProcessorProcess p) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!p.output().contains("-> RUNNING")) {
            assertThat(System.nanoTime()).as("instance running in time:\n" + p.output()).isLessThan(deadline);
            assertThat(p.isAlive()).as(p.output()).isTrue();
            sleep();
        }
    }

    private static void awaitWindowsOfEveryRun(BrokerIO.Results results, List<String> runs, ProcessorProcess alive) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!results.seen().stream().map(WindowSummary::run).toList().containsAll(runs)) {
            assertThat(System.nanoTime()).as("windows of every run in time").isLessThan(deadline);
            results.awaitAtLeast(results.seen().size() + 1, PATIENCE, alive::isAlive);
        }
    }

    /**
     * The hits an instance reports once its metrics line has caught up with its windows: the line comes every second
     * (RecoveryFixture), so a window of its runs can be read before the line that counts its hits.
     */
    private static long awaitHitsProcessed(ProcessorProcess p) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (hitsProcessed(p) <= 0 && System.nanoTime() < deadline && p.isAlive()) {
            sleep();
        }
        return hitsProcessed(p);
    }

    /** The highest hit count an instance logged (it logs one when it stops). */
    private static long hitsProcessed(ProcessorProcess p) {
        Matcher m = HITS.matcher(p.output());
        long hits = -1;
        while (m.find()) {
            hits = Math.max(hits, Long.parseLong(m.group(1)));
        }
        return hits;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
