package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.DaqFormat;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.TopicSetup;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;

/**
 * Exactly-once latency on a real broker: a window closed by live input reaches a read_committed reader at once, not
 * at the next commit interval. The interval is set to a minute here, so without the commit asked for on emit the
 * first window would stay invisible for most of that minute.
 */
class LiveCommitTest {
    private static final long COMMIT_INTERVAL_MS = 60_000;

    @Test
    void aWindowClosedByLiveInputIsVisibleToReadCommittedReadersWithoutWaitingForTheCommitInterval(@TempDir Path dir) throws Exception {
        List<String> lines = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020).subList(0, 20_000);
        RunInfo run = DaqFiles.run("run-live", lines, System.currentTimeMillis());
        List<RawFrame> frames = DaqFiles.frames(run, "run000591", lines, 1000);
        ProcessorConfig config = ProcessorConfig.defaults(null, dir).withCommitIntervalMs(COMMIT_INTERVAL_MS);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            ProcessorConfig live = config.withBootstrapServers(kafka.bootstrapServers()).withApplicationId("minidt-live-commit");
            Properties props = MonitorTopology.streamsProperties(live);
            // Kafka Streams refuses a commit interval beyond the transaction timeout.
            props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) (2 * COMMIT_INTERVAL_MS));
            try (KafkaStreams processor = new KafkaStreams(MonitorTopology.buildTopology(live), props)) {
                processor.start();
                // Wait until the processor has joined and committed its start (its first poll), so the clock below
                // measures the window's way only.
                BrokerIO.sendNow(kafka.bootstrapServers(), frames.subList(0, 1));
                Thread.sleep(5_000);
                long sentNanos = System.nanoTime();
                BrokerIO.sendNow(kafka.bootstrapServers(), frames.subList(1, frames.size()));
                List<WindowSummary> seen = results.awaitAtLeast(1, Duration.ofSeconds(50), () -> processor.state().isRunningOrRebalancing());
                double seconds = (System.nanoTime() - sentNanos) / 1e9;

                assertThat(seen.get(0).window().index()).isZero();
                assertThat(seconds).as("seconds from the frames that close window 0 to the committed window (commit interval %d s)",
                        COMMIT_INTERVAL_MS / 1000).isLessThan(10);
            }
        }
    }
}
