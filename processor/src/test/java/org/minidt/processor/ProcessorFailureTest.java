package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.RawFrame;
import org.minidt.common.TopicSetup;
import org.minidt.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The failure policy: retriable errors replace the thread a bounded number of times, anything else stops the service non-zero. */
class ProcessorFailureTest {
    private static final Logger log = LoggerFactory.getLogger(ProcessorFailureTest.class);

    /**
     * Kafka Streams forced to ERROR: the run's state in its changelog is made unreadable (as an incompatible upgrade
     * would leave it) while the service is stopped; restarted, the service fails on the run's next frame and its JVM
     * exits non-zero within 10 s of ERROR (before the failure policy: exit 0, or a hang in PENDING_ERROR).
     */
    @Test
    void aProcessorForcedToErrorExitsNonZeroWithinTenSeconds(@TempDir Path dir) throws Exception {
        RecoveryFixture fixture = new RecoveryFixture(List.of("fail-a"), 20_000, 1000);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            Path state = Files.createDirectories(dir.resolve("state"));
            List<String> args = RecoveryFixture.processorArgs(kafka.bootstrapServers(), state.toString(), null);
            List<RawFrame> frames = fixture.frames.subList(0, fixture.frames.size() - 1);
            try (ProcessorProcess first = ProcessorProcess.start(List.of("-Xmx256m"), args, dir.resolve("first.log"))) {
                BrokerIO.send(kafka.bootstrapServers(), frames);
                results.awaitAtLeast(1, Duration.ofSeconds(120), first::isAlive);
            }
            // The run's state, as the restarted service will restore it, becomes unreadable.
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("minidt-it-" + MonitorTopology.RUN_STORE + "-changelog",
                        "fail-a".getBytes(StandardCharsets.UTF_8), new byte[] {99, 0, 0})).get();
            }
            ProcessorProcess processor = ProcessorProcess.start(List.of("-Xmx256m"), args, dir.resolve("processor.log"));
            try {
                BrokerIO.send(kafka.bootstrapServers(), fixture.frames.subList(frames.size(), fixture.frames.size()));
                Integer exit = processor.exitCodeWithin(Duration.ofSeconds(90));
                String output = processor.output();
                log.info("exit {}; processor log:\n{}", exit, output);
                assertThat(exit).as("exit code").isEqualTo(ProcessorMain.EXIT_STREAMS_FAILED);
                assertThat(output).contains("run state of format 99").contains("-> PENDING_ERROR");
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
