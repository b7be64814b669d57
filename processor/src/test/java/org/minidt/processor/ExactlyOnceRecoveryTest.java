package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.TopicSetup;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the processor service (SIGKILL, a separate JVM) twice in the middle of a replay, at different points,
 * restarts it each time on the same state directory, and finds every window message exactly once, with the
 * numbers of an uninterrupted run.
 */
class ExactlyOnceRecoveryTest {
    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceRecoveryTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @Test
    void killedTwiceMidReplayEveryWindowIsEmittedOnceWithTheUninterruptedNumbers(@TempDir Path dir) throws Exception {
        RecoveryFixture fixture = new RecoveryFixture(List.of("eos-a", "eos-b", "eos-c"), Integer.MAX_VALUE, 1000);
        int slices = 10;
        int perSlice = (fixture.frames.size() + slices - 1) / slices;
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            List<String> args = RecoveryFixture.processorArgs(kafka.bootstrapServers(), state.toString(), "eos-instance");
            ProcessorProcess processor = ProcessorProcess.start(List.of("-Xmx512m"), args, dir.resolve("processor.log"));
            int restarts = 0;
            try {
                for (int slice = 0; slice < slices; slice++) {
                    int seenBefore = results.seen().size();
                    BrokerIO.send(kafka.bootstrapServers(), fixture.frames.subList(slice * perSlice, Math.min(fixture.frames.size(), (slice + 1) * perSlice)));
                    if (slice == 3 || slice == 7) {
                        // Kill as soon as this slice's first windows are committed: the rest of the slice is in
                        // flight, later slices are not even sent.
                        ProcessorProcess running = processor;
                        results.awaitAtLeast(seenBefore + 1, PATIENCE, running::isAlive);
                        processor.kill();
                        restarts++;
                        processor = ProcessorProcess.start(List.of("-Xmx512m"), args, dir.resolve("processor.log"));
                    }
                }
                ProcessorProcess last = processor;
                List<WindowSummary> all = results.awaitAtLeast(fixture.expected.size(), PATIENCE, last::isAlive);
                fixture.assertSameWindows(all);
            } finally {
                processor.close();
                log.info("processor log (all three lives):\n{}", processor.output());
            }
            assertThat(restarts).isEqualTo(2);
            assertThat(fixture.expected).hasSizeGreaterThan(90);
        }
    }
}
