package org.minidt.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.minidt.common.DaqTime;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.RawFrame;
import org.minidt.common.ReferenceRequest;
import org.minidt.common.RunInfo;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.minidt.processor.MonitorTopology;
import org.minidt.processor.ProcessorConfig;
import org.minidt.quality.QualityConfig;
import org.minidt.quality.QualityTopology;

/**
 * The processor's and the quality service's topologies on test drivers, chained as the topics chain them: DAQ lines
 * (course format) -> window summaries -> quality verdicts. Each service is its real topology with its default
 * settings; only Kafka is replaced by the drivers.
 */
final class DriverChain implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-21T12:00:00Z");
    private static final int LINES_PER_FRAME = 2000;
    private final List<Path> stateDirs = new ArrayList<>();
    private final TopologyTestDriver quality;
    private final TestInputTopic<String, WindowSummary> results;
    private final TestInputTopic<String, QualityReference> referencesIn;
    private final TestInputTopic<String, ReferenceRequest> requests;
    private final TestOutputTopic<String, QualityVerdict> verdicts;
    private final TestOutputTopic<String, QualityReference> referencesOut;

    DriverChain() {
        QualityConfig config = QualityConfig.defaults("driver:9092", stateDir());
        quality = new TopologyTestDriver(QualityTopology.build(config), QualityTopology.streamsProperties(config), START);
        results = quality.createInputTopic(Topics.RESULTS.name(), Topics.RESULTS.keySerde().serializer(), Topics.RESULTS.valueSerde().serializer());
        referencesIn = quality.createInputTopic(Topics.REFERENCES.name(), Topics.REFERENCES.keySerde().serializer(),
                Topics.REFERENCES.valueSerde().serializer());
        requests = quality.createInputTopic(Topics.REFERENCE_REQUESTS.name(), Topics.REFERENCE_REQUESTS.keySerde().serializer(),
                Topics.REFERENCE_REQUESTS.valueSerde().serializer());
        verdicts = quality.createOutputTopic(Topics.QUALITY.name(), Topics.QUALITY.keySerde().deserializer(), Topics.QUALITY.valueSerde().deserializer());
        referencesOut = quality.createOutputTopic(Topics.REFERENCES.name(), Topics.REFERENCES.keySerde().deserializer(),
                Topics.REFERENCES.valueSerde().deserializer());
    }

    /**
     * The processor's windows of these lines of run {@code run} starting at {@code startOrbit}, every window closed: a
     * last hit 10 s of detector time after {@code lastOrbit} moves stream time past them (its own window stays open).
     */
    List<WindowSummary> windows(String run, long startOrbit, long lastOrbit, Iterable<String> courseLines) {
        ProcessorConfig config = ProcessorConfig.defaults("driver:9092", stateDir()).withApplicationId("driver-processor");
        try (TopologyTestDriver processor = new TopologyTestDriver(MonitorTopology.buildTopology(config),
                MonitorTopology.streamsProperties(config), START)) {
            TestInputTopic<byte[], byte[]> raw = processor.createInputTopic(Topics.RAW_HITS.name(), Topics.RAW_HITS.keySerde().serializer(),
                    Topics.RAW_HITS.valueSerde().serializer());
            TestOutputTopic<String, WindowSummary> out = processor.createOutputTopic(Topics.RESULTS.name(),
                    Topics.RESULTS.keySerde().deserializer(), Topics.RESULTS.valueSerde().deserializer());
            RunInfo info = new RunInfo(run, START.toEpochMilli(), startOrbit);
            RawFrame.Builder frame = new RawFrame.Builder();
            long line = 1;
            long first = 1;
            List<WindowSummary> windows = new ArrayList<>();
            for (String l : courseLines) {
                frame.add(l);
                if (frame.lineCount() == LINES_PER_FRAME) {
                    pipe(raw, frame.build(info, "driver", first));
                    first = line + 1;
                    windows.addAll(out.readValuesToList());
                }
                line++;
            }
            frame.add("2,0,1," + (lastOrbit + 10_000_000_000L / (DaqTime.BX_PER_ORBIT * 25)) + ",0,0");
            pipe(raw, frame.build(info, "driver", first));
            windows.addAll(out.readValuesToList());
            return windows;
        }
    }

    private static void pipe(TestInputTopic<byte[], byte[]> raw, RawFrame frame) {
        ProducerRecord<byte[], byte[]> r = frame.toProducerRecord(Topics.RAW_HITS.name(), START.toEpochMilli());
        raw.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.timestamp()));
    }

    void reference(QualityReference reference) {
        referencesIn.pipeInput(reference.setup(), reference);
    }

    /** The quality service's verdicts on each window, in order: element i holds what window i brought. */
    List<List<QualityVerdict>> judge(List<WindowSummary> windows) {
        List<List<QualityVerdict>> out = new ArrayList<>();
        for (WindowSummary w : windows) {
            results.pipeInput(w.run(), w);
            out.add(verdicts.readValuesToList());
        }
        return out;
    }

    /** Asks the quality service to make {@code run} the reference of setup "minidt"; returns what it wrote. */
    QualityReference promote(String run) {
        requests.pipeInput(QualityConfig.DEFAULT_SETUP, new ReferenceRequest(run, START.toEpochMilli(), "test"));
        List<QualityReference> written = referencesOut.readValuesToList();
        if (written.size() != 1) {
            throw new IllegalStateException("expected one reference written, got " + written.size());
        }
        return written.get(0);
    }

    private Path stateDir() {
        try {
            Path p = Files.createTempDirectory("minidt-chain-");
            stateDirs.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        quality.close();
        for (Path dir : stateDirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
