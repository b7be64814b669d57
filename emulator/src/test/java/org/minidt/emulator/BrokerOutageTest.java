package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.DaqFormat;
import org.minidt.common.SourceMarker;
import org.minidt.embedded.EmbeddedKafka;

/** The emulator (a JVM of its own) rides out a lost broker: it waits, then resumes from its committed position. */
class BrokerOutageTest {

    @Test
    void emulatorRidesOutABrokerOutageOfOver30SecondsAndTheTopicHoldsEveryLineOnceInOrder(@TempDir Path dir) throws Exception {
        // The first 20,000 rows of Run000591 (and its header line): 10 s at 2,000 words/s.
        List<String> rows = Files.readAllLines(ResumeTest.RUN591).subList(0, 20_001);
        Path file = Files.write(dir.resolve("run591-head.txt"), rows);
        List<String> expected = EmulatorReplayTest.expectedLines(file, DaqFormat.FIRMWARE_2020);
        Path log = dir.resolve("emulator.log");

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Process emulator = EmulatorProcess.start(log, "--bootstrap-servers", kafka.bootstrapServers(), "--file", file.toString(),
                    "--format", "firmware-2020", "--rate", "2000", "--run-id", "outage-run", "--emulator-id", "outage", "--control-port", "-1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int before = 0;
            while (before < 3_000 && emulator.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                before = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "outage-run").size();
            }
            assertThat(emulator.isAlive()).as(EmulatorProcess.output(log)).isTrue();

            // Longer than the producer's 30 s max.block.ms: the commit in flight times out. The broker stays away until the
            // emulator has said it waits for it: the time-out counts from the emulator's last commit, not from the stop, so a
            // fixed outage could end just before the emulator notices (then it resumes at once without waiting).
            kafka.stop();
            Thread.sleep(35_000);
            long waitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!EmulatorProcess.output(log).contains("waiting for Kafka at " + kafka.bootstrapServers()) && emulator.isAlive()
                    && System.nanoTime() < waitDeadline) {
                Thread.sleep(200);
            }
            assertThat(emulator.isAlive()).as("emulator alive through the outage; its log:\n%s", EmulatorProcess.output(log)).isTrue();
            kafka.restart();

            assertThat(emulator.waitFor(180, TimeUnit.SECONDS)).as(EmulatorProcess.output(log)).isTrue();
            String output = EmulatorProcess.output(log);
            assertThat(emulator.exitValue()).as(output).isZero();
            // It said what it was waiting for while the broker was gone, then resumed after its last committed line.
            assertThat(output).contains("waiting for Kafka at " + kafka.bootstrapServers(), "lost Kafka at " + kafka.bootstrapServers(),
                    "resuming after " + file + " line ");

            List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "outage-run");
            assertThat(lines.stream().map(l -> l.lineNumber() + ":" + l.text()).toList()).isEqualTo(expected);
            assertThat(RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "outage-run").stream()
                    .filter(e -> e.marker() != null && e.marker().kind() == SourceMarker.Kind.END_OF_RUN)).hasSize(1);
        }
    }
}
