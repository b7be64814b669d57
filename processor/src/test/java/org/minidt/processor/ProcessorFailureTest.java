package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The failure policy: retriable errors replace the thread a bounded number of times, anything else stops the service non-zero. */
class ProcessorFailureTest {
    private static final Logger log = LoggerFactory.getLogger(ProcessorFailureTest.class);

    /** Kafka Streams forced to ERROR (its source topic deleted mid-replay): the service JVM exits non-zero within 10 s. */
    @Test
    void aProcessorForcedToErrorExitsNonZeroWithinTenSeconds(@TempDir Path dir) throws Exception {
        RecoveryFixture fixture = new RecoveryFixture(List.of("fail-a"), 20_000, 1000);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            Path state = Files.createDirectories(dir.resolve("state"));
            ProcessorProcess processor = ProcessorProcess.start(List.of("-Xmx256m"),
                    RecoveryFixture.processorArgs(kafka.bootstrapServers(), state.toString(), null), dir.resolve("processor.log"));
            try (BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
                BrokerIO.send(kafka.bootstrapServers(), fixture.frames);
                results.awaitAtLeast(1, Duration.ofSeconds(120), processor::isAlive);
                Properties p = new Properties();
                p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (Admin admin = Admin.create(p)) {
                    admin.deleteTopics(List.of(Topics.RAW_HITS.name())).all().get();
                }
                long deletedAt = System.nanoTime();
                // Kafka Streams notices the missing topic at its next metadata refresh / rebalance, then has 10 s to be gone.
                Integer exit = processor.exitCodeWithin(Duration.ofSeconds(60));
                long seconds = (System.nanoTime() - deletedAt) / 1_000_000_000L;
                String output = processor.output();
                log.info("exit {} after {} s; processor log:\n{}", exit, seconds, output);
                assertThat(exit).as("exit code").isEqualTo(ProcessorMain.EXIT_STREAMS_FAILED);
                long errorAt = output.lines().filter(l -> l.contains("-> PENDING_ERROR") || l.contains("-> ERROR")).count();
                assertThat(errorAt).as("went to ERROR").isPositive();
                assertThat(seconds).as("seconds from the topic's deletion to the exit").isLessThanOrEqualTo(40);
                assertThat(secondsFromErrorToExit(output)).as("seconds from ERROR to the exit").isLessThanOrEqualTo(10);
            } finally {
                processor.close();
            }
        }
    }

    @Test
    void retriableErrorsReplaceTheThreadAtMostThreeTimesInTenMinutesAndOthersShutDown() {
        long[] now = {0};
        StreamsFailurePolicy policy = new StreamsFailurePolicy(() -> now[0]);
        Exception retriable = new RuntimeException("task failed", new TimeoutException("broker gone"));
        for (int i = 0; i < StreamsFailurePolicy.MAX_REPLACEMENTS; i++) {
            assertThat(policy.handle(retriable)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(policy.handle(retriable)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        now[0] += StreamsFailurePolicy.REPLACEMENT_PERIOD.toMillis() + 1;
        assertThat(policy.handle(retriable)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.handle(new MissingSourceTopicException("minidt.raw-hits is gone")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(policy.handle(new IllegalStateException("hit chunk 3 of window 7 of run r is missing")))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    /** From the log line of the first error state to the last line of the log, by the log's timestamps. */
    private static long secondsFromErrorToExit(String output) {
        List<String> lines = output.lines().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d.*")).toList();
        String error = lines.stream().filter(l -> l.contains("-> PENDING_ERROR") || l.contains("-> ERROR")).findFirst().orElseThrow();
        return secondsOfDay(lines.get(lines.size() - 1)) - secondsOfDay(error);
    }

    private static long secondsOfDay(String line) {
        String[] hms = line.substring(0, 8).split(":");
        return Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(hms[2]);
    }
}
