package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.DaqFormat;
import org.minidt.common.S3Settings;
import org.minidt.common.SourceMarker;
import org.minidt.common.UserError;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;

/** Resume without gaps or duplicates: the position travels in the same Kafka transaction as the words. */
class ResumeTest {
    static final Path RUN591 = Path.of("..", "data", "run000591", "data_000000.txt");
    static EmbeddedKafka kafka;
    static EmbeddedS3 s3;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        s3 = EmbeddedS3.start();
        // Bucket "resume" holds run000591/data_000000.txt.
        Path bucketDir = Files.createTempDirectory("emulator-resume-");
        Files.createDirectories(bucketDir.resolve("run000591"));
        Files.copy(RUN591, bucketDir.resolve("run000591").resolve("data_000000.txt"));
        s3.seed("resume", bucketDir);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        kafka.close();
    }

    private String[] args(String runId, String emulatorId, String... more) {
        List<String> a = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--s3-endpoint", s3.endpoint().toString(), "--bucket", "resume",
                "--access-key", EmbeddedS3.ACCESS_KEY, "--secret-key", EmbeddedS3.SECRET_KEY,
                "--format", "firmware-2020", "--run-id", runId, "--emulator-id", emulatorId, "--control-port", "-1"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void emulatorKilledMidObjectResumesAndTheTopicHoldsEveryLineExactlyOnceInOrder(@TempDir Path dir) throws Exception {
        List<String> expected = EmulatorReplayTest.expectedLines(RUN591, DaqFormat.FIRMWARE_2020);

        Process first = EmulatorProcess.start(dir.resolve("first.log"), args("killed-run", "kill-test", "--rate", "10000"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int committedBeforeKill = 0;
        while (committedBeforeKill < 20_000 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            committedBeforeKill = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "killed-run").size();
        }
        assertThat(first.isAlive()).as("first emulator still running; its log:\n%s", EmulatorProcess.output(dir.resolve("first.log"))).isTrue();
        first.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        int afterKill = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "killed-run").size();
        assertThat(afterKill).as("killed mid-object").isBetween(20_000, expected.size() - 1);

        Process second = EmulatorProcess.start(dir.resolve("second.log"), args("killed-run", "kill-test", "--max"));
        assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String secondLog = EmulatorProcess.output(dir.resolve("second.log"));
        assertThat(second.exitValue()).as(secondLog).isZero();
        assertThat(secondLog).contains("resuming after s3://resume/run000591/data_000000.txt line ");

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "killed-run");
        assertThat(lines.stream().map(l -> l.lineNumber() + ":" + l.text()).toList()).isEqualTo(expected);
        // Both processes wrote the same run: the resumed one kept the run's start, so the processor continues it.
        assertThat(lines.stream().map(l -> l.frame().run()).distinct()).hasSize(1);
        // The resumed emulator carried on with the run's markers: PROGRESS from both processes, one END_OF_RUN, last.
        List<SourceMarker> markers = RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "killed-run").stream()
                .map(RawHitsTopic.Entry::marker).filter(m -> m != null).toList();
        assertThat(markers.stream().filter(m -> m.kind() == SourceMarker.Kind.END_OF_RUN)).hasSize(1);
        assertThat(markers.get(markers.size() - 1).kind()).isEqualTo(SourceMarker.Kind.END_OF_RUN);
        assertThat(markers.stream().filter(m -> m.kind() == SourceMarker.Kind.PROGRESS).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void finishedRunSendsNothingOnRestartAndFromStartReplaysEverything() throws Exception {
        EmulatorConfig once = EmulatorConfig.of(kafka.bootstrapServers(), "from-start-test", new EmulatorSource.S3Prefix(
                new S3Settings(s3.endpoint().toString(), EmbeddedS3.REGION, "resume", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY),
                "run000591/"), DaqFormat.FIRMWARE_2020, Pacing.max(), "twice");
        assertThat(new Emulator(once).run(() -> false)).isEqualTo(159_616);
        assertThat(new Emulator(once).run(() -> false)).isZero();
        assertThat(RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "twice")).hasSize(159_616);
        // ...and no second END_OF_RUN: the position says the run has ended.
        assertThat(RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "twice").stream()
                .filter(e -> e.marker() != null && e.marker().kind() == SourceMarker.Kind.END_OF_RUN)).hasSize(1);

        EmulatorConfig fromStart = once.withRuns(new EmulatorConfig.Runs("twice-again", false, true));
        assertThat(new Emulator(fromStart).run(() -> false)).isEqualTo(159_616);
        assertThat(RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "twice-again")).hasSize(159_616);
        assertThat(RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "twice")).hasSize(159_616);
    }

    @Test
    void savedPositionInAnObjectNoLongerReplayedIsAClearError(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "2,0,1,5,5,5\n");
        EmulatorConfig first = EmulatorConfig.of(kafka.bootstrapServers(), "moved-test", new EmulatorSource.LocalFiles(List.of(other)),
                DaqFormat.COURSE, Pacing.max(), "moved");
        new Emulator(first).run(() -> false);
        Path renamed = Files.copy(other, dir.resolve("renamed.txt"));
        EmulatorConfig second = EmulatorConfig.of(kafka.bootstrapServers(), "moved-test", new EmulatorSource.LocalFiles(List.of(renamed)),
                DaqFormat.COURSE, Pacing.max(), "moved");
        assertThatThrownBy(() -> new Emulator(second).run(() -> false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("stopped last time in " + other)
                .hasMessageContaining("--from-start");
    }
}
