package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.TopicSetup;
import org.minidt.common.Cli;
import org.minidt.common.DaqFormat;
import org.minidt.common.Json;
import org.minidt.common.S3Settings;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import software.amazon.awssdk.core.sync.RequestBody;

/** Live DAQ follow mode end to end: daq-sim uploads and announces, the follower downloads by presigned URL. */
class FollowModeTest {
    static final Path COURSE = Path.of("..", "data", "course-sample", "data_000000.txt");
    static EmbeddedKafka kafka;
    static EmbeddedS3 s3;
    static S3Settings live;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = EmbeddedS3.start();
        try (var client = s3.client()) {
            client.createBucket(b -> b.bucket("live"));
        }
        live = new S3Settings(s3.endpoint().toString(), EmbeddedS3.REGION, "live", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
    }

    /** A broker per test: each test's announcements on minidt.daq-files are its own. */
    @BeforeEach
    void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
        TopicSetup.ensureTopics(kafka.bootstrapServers());
    }

    @AfterEach
    void stopKafka() {
        kafka.close();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static int daqSim(Path... files) {
        List<String> args = new ArrayList<>(List.of("daq-sim", "--bootstrap-servers", kafka.bootstrapServers(),
                "--s3-endpoint", s3.endpoint().toString(), "--bucket", "live", "--access-key", EmbeddedS3.ACCESS_KEY,
                "--secret-key", EmbeddedS3.SECRET_KEY, "--interval-ms", "300"));
        for (Path f : files) {
            args.addAll(List.of("--file", f.toString()));
        }
        return Cli.run(new EmulatorMain(), args.toArray(String[]::new));
    }

    private static void announce(String json) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DAQ_FILES.name(), "x", json)).get(30, TimeUnit.SECONDS);
        }
    }

    private static RunningEmulator follower(String runId) {
        return RunningEmulator.start(EmulatorConfig.of(kafka.bootstrapServers(), "follower", new EmulatorSource.Follow(EmulatorSource.Follow.DEFAULT_RUN_END_IDLE_MS),
                DaqFormat.COURSE, Pacing.max(), runId));
    }

    private static List<RawHitsTopic.Line> awaitLines(String runId, int count, RunningEmulator running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<RawHitsTopic.Line> lines = List.of();
        while (lines.size() < count && !running.done().isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), runId);
        }
        return lines;
    }

    @Test
    void followerStreamsAnnouncedFilesCountsBrokenUrlsAndResumesAfterARestart(@TempDir Path dir) throws Exception {
        Path second = Files.writeString(dir.resolve("data_000001.txt"), "2,0,10,3387201100,100,5\n2,1,128,3387201100,104,0\n");
        Path third = Files.writeString(dir.resolve("data_000002.txt"), "2,0,11,3387201200,200,6\n");

        // A broken URL (signature tampered with), an expired one and an announcement that is not JSON come first: counted, skipped.
        try (var presigner = live.presigner(); var client = s3.client()) {
            client.putObject(b -> b.bucket("live").key("live/secret.txt"), RequestBody.fromString("2,0,1,1,1,1\n"));
            String url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("live").key("live/secret.txt"))).url().toString();
            String tampered = url.substring(0, url.length() - 4) + (url.endsWith("0000") ? "1111" : "0000");
            announce(Json.toString(new DaqFileAnnouncement(tampered, "2026-11-20T23:00:00Z", "live/secret.txt")));
            String expiring = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket("live").key("live/secret.txt"))).url().toString();
            Thread.sleep(2_500);
            announce(Json.toString(new DaqFileAnnouncement(expiring, "2026-11-20T23:00:01Z", "live/secret.txt")));
        }
        announce("this is not json");
        assertThat(daqSim(COURSE, second)).isZero();

        RunningEmulator first = follower("live-run");
        List<RawHitsTopic.Line> lines = awaitLines("live-run", 76, first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.emulator().errors() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(first.emulator().errors()).isEqualTo(3);
        assertThat(first.stopAndWait()).isEqualTo(76);

        List<String> expected = new ArrayList<>(EmulatorReplayTest.expectedLines(COURSE, DaqFormat.COURSE));
        expected.addAll(List.of("1:2,0,10,3387201100,100,5", "2:2,1,128,3387201100,104,0"));
        assertThat(lines.stream().map(l -> l.lineNumber() + ":" + l.text()).toList()).isEqualTo(expected);
        assertThat(lines.get(0).frame().source()).isEqualTo("live/data_000000.txt");
        assertThat(lines.get(75).frame().source()).isEqualTo("live/data_000001.txt");
        assertThat(lines.get(0).frame().run().startOrbit()).isEqualTo(3387200947L);

        // Restarted, the follower takes only the new announcement, as the same run.
        assertThat(daqSim(third)).isZero();
        RunningEmulator again = follower("ignored-on-resume");
        List<RawHitsTopic.Line> after = awaitLines("live-run", 77, again);
        assertThat(again.stopAndWait()).isEqualTo(1);
        assertThat(after).hasSize(77);
        assertThat(after.get(76).text()).isEqualTo("2,0,11,3387201200,200,6");
        assertThat(after.get(76).frame().run()).isEqualTo(after.get(0).frame().run());
        assertThat(again.emulator().errors()).isZero();
    }

    @Test
    void followerKilledMidFileResumesAfterItsLastCommittedLine(@TempDir Path dir) throws Exception {
        Path run591 = Path.of("..", "data", "run000591", "data_000000.txt");
        Path file = Files.copy(run591, dir.resolve("run591-live.txt"));
        assertThat(daqSim(file)).isZero();
        String[] args = {"--follow", "--bootstrap-servers", kafka.bootstrapServers(), "--emulator-id", "killed-follower",
                "--run-id", "killed-live", "--format-for", "live/run591=firmware-2020", "--control-port", "-1"};

        Process first = EmulatorProcess.start(dir.resolve("first.log"), concat(args, "--rate", "10000"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int committed = 0;
        while (committed < 20_000 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            committed = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "killed-live").size();
        }
        assertThat(first.isAlive()).as("first follower still running; its log:%n%s", EmulatorProcess.output(dir.resolve("first.log"))).isTrue();
        first.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        assertThat(RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "killed-live").size()).isBetween(20_000, 159_615);

        Process second = EmulatorProcess.start(dir.resolve("second.log"), concat(args, "--max"));
        List<RawHitsTopic.Line> lines = List.of();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (lines.size() < 159_616 && second.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "killed-live");
        }
        String secondLog = EmulatorProcess.output(dir.resolve("second.log"));
        second.destroy();
        second.waitFor(60, TimeUnit.SECONDS);
        assertThat(secondLog).contains("resuming run killed-live after live/run591-live.txt line ");
        assertThat(lines.stream().map(l -> l.lineNumber() + ":" + l.text()).toList())
                .isEqualTo(EmulatorReplayTest.expectedLines(run591, DaqFormat.FIRMWARE_2020));
    }

    @Test
    void aRunEndsWhenNoFileIsAnnouncedForTheRunEndTimeAndTheNextFileStartsTheNextRun(@TempDir Path dir) throws Exception {
        Path next = Files.writeString(dir.resolve("data_000009.txt"), "2,0,11,3387201200,200,6\n");
        assertThat(daqSim(COURSE)).isZero();
        RunningEmulator follower = RunningEmulator.start(EmulatorConfig.of(kafka.bootstrapServers(), "run-end", new EmulatorSource.Follow(1_500),
                DaqFormat.COURSE, Pacing.max(), "idle-ends"));
        awaitLines("idle-ends", 74, follower);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<RawHitsTopic.Entry> first = List.of();
        while ((first.isEmpty() || first.get(first.size() - 1).marker() == null
                || first.get(first.size() - 1).marker().kind() != SourceMarker.Kind.END_OF_RUN) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            first = RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "idle-ends");
        }
        assertThat(daqSim(next)).isZero();
        List<RawHitsTopic.Line> second = awaitLines("idle-ends-2", 1, follower);
        follower.stopAndWait();

        // While idle before the end, PROGRESS kept coming; then one END_OF_RUN, last, vouching for the newest hit of the file.
        List<SourceMarker> markers = first.stream().map(RawHitsTopic.Entry::marker).filter(m -> m != null).toList();
        assertThat(markers.get(markers.size() - 1).kind()).isEqualTo(SourceMarker.Kind.END_OF_RUN);
        assertThat(markers.stream().filter(m -> m.kind() == SourceMarker.Kind.END_OF_RUN)).hasSize(1);
        assertThat(markers.get(markers.size() - 1).sourceTicks()).isEqualTo(EmulatorReplayTest.expectedLines(COURSE, DaqFormat.COURSE).stream()
                .map(l -> SourceMarkersTest.hitTicks(l.substring(l.indexOf(':') + 1))).filter(t -> t != null).mapToLong(Long::longValue).max().orElseThrow());
        assertThat(first.stream().mapToLong(e -> e.lines().size()).sum()).isEqualTo(74);
        assertThat(second.stream().map(RawHitsTopic.Line::text)).containsExactly("2,0,11,3387201200,200,6");
        assertThat(second.get(0).frame().run().startEpochMs())
                .isGreaterThan(first.stream().flatMap(e -> e.lines().stream()).findFirst().orElseThrow().frame().run().startEpochMs());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
