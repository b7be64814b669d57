package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.DaqFormat;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.SourceMarker;
import org.minidt.common.TopicSetup;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;

/**
 * Item 8 of issue 14: the same raw topic processed live (with a source that goes silent past the timeout in the
 * middle, so windows close cut short and are revised) and again from the beginning by a fresh application id gives
 * the same final windows, on a real broker.
 */
class ReplayDeterminismTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final long SOURCE_SILENCE_MS = 2_000;

    @Test
    void liveAndReplayedFromTheBeginningByAFreshApplicationTheFinalWindowsAreIdentical(@TempDir Path dir) throws Exception {
        List<String> lines = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        RunInfo run = DaqFiles.run("run-replayed", lines, MonitorDriver.START.toEpochMilli());
        List<RawFrame> frames = DaqFiles.frames(run, "run000591", lines, 1000);
        int cut = frames.size() / 3;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); BrokerIO.Results results = new BrokerIO.Results(kafka.bootstrapServers())) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            List<WindowSummary> live;
            try (KafkaStreams processor = start(kafka, "live", dir)) {
                BrokerIO.send(kafka.bootstrapServers(), frames.subList(0, cut));
                results.awaitAtLeast(1, PATIENCE, () -> processor.state().isRunningOrRebalancing());
                // The source goes silent (no frames, no progress) past the timeout: the open windows close cut short.
                long silentUntil = System.nanoTime() + Duration.ofMillis(3 * SOURCE_SILENCE_MS).toNanos();
                while (System.nanoTime() < silentUntil) {
                    Thread.sleep(100);
                }
                BrokerIO.send(kafka.bootstrapServers(), frames.subList(cut, frames.size()));
                BrokerIO.send(kafka.bootstrapServers(), new SourceMarker(run, "run000591", SourceMarker.Kind.END_OF_RUN, 0));
                live = awaitLastWindow(results, 0, processor);
            }
            List<WindowSummary> replayed;
            try (KafkaStreams processor = start(kafka, "replay", dir)) {
                replayed = awaitLastWindow(results, live.size(), processor);
            }

            assertThat(live).as("live: some windows closed by source silence and were revised")
                    .anyMatch(w -> w.window().closedBy().equals(WindowSummary.CLOSED_BY_SOURCE_SILENCE))
                    .anyMatch(w -> w.window().revision() > 0);
            assertThat(replayed).as("replay: nothing to revise").allMatch(w -> w.window().revision() == 0);
            List<WindowSummary> liveFinal = WindowProductsExactnessTest.finalRevisions(live);
            List<WindowSummary> replayFinal = WindowProductsExactnessTest.finalRevisions(replayed);
            assertThat(liveFinal).hasSize(33);
            assertThat(liveFinal.stream().map(ReplayDeterminismTest::content).toList())
                    .containsExactlyElementsOf(replayFinal.stream().map(ReplayDeterminismTest::content).toList());
            assertThat(liveFinal).allMatch(w -> w.accounting().lateWords() == 0);
            assertThat(liveFinal.stream().mapToLong(w -> w.accounting().wordsRead()).sum()).isEqualTo(lines.size());
        }
    }

    private static KafkaStreams start(EmbeddedKafka kafka, String name, Path dir) throws Exception {
        ProcessorConfig config = ProcessorConfig.defaults(kafka.bootstrapServers(), Files.createDirectories(dir.resolve(name)))
                .withApplicationId("minidt-replay-" + name).withSourceSilenceMs(SOURCE_SILENCE_MS);
        KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(config), MonitorTopology.streamsProperties(config));
        streams.start();
        return streams;
    }

    /** The window messages after the first {@code skip} ones, up to the run's last window. */
    private static List<WindowSummary> awaitLastWindow(BrokerIO.Results results, int skip, KafkaStreams processor) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<WindowSummary> all = results.awaitAtLeast(results.seen().size() + 1, PATIENCE, () -> processor.state().isRunningOrRebalancing());
            List<WindowSummary> mine = new ArrayList<>(all.subList(Math.min(skip, all.size()), all.size()));
            if (mine.stream().anyMatch(w -> w.window().lastInRun())) {
                return mine;
            }
            assertThat(System.nanoTime()).as("the run's last window in time").isLessThan(deadline);
        }
    }

    /** What a window says about the detector, without when and why this message was sent. */
    private static WindowSummary content(WindowSummary w) {
        WindowSummary.Window x = w.window();
        return new WindowSummary(w.schema(), w.run(), new WindowSummary.Window(x.index(), x.sizeMs(), x.detectorStartNs(),
                x.detectorEndNs(), x.runStartMs(), x.sinceRunStartMs(), x.wallStartMs(), x.wallEndMs(), 0, 0, "", 0, x.lastInRun()),
                w.totalHits(), w.chambers(), w.scintillator(), w.accounting(), w.settings());
    }
}
