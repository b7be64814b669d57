package org.minidt.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.ReferenceRequest;
import org.minidt.common.Topic;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/** The quality topology in a {@link TopologyTestDriver}: windows, references and requests in, verdicts and references out. */
final class QualityDriver implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-21T12:00:00Z");
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, WindowSummary> results;
    private final TestInputTopic<String, QualityReference> referencesIn;
    private final TestInputTopic<String, ReferenceRequest> requests;
    private final TestOutputTopic<String, QualityVerdict> quality;
    private final TestOutputTopic<String, QualityReference> referencesOut;

    QualityDriver() {
        try {
            stateDir = Files.createTempDirectory("minidt-quality-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QualityConfig config = QualityConfig.defaults("driver:9092", stateDir);
        driver = new TopologyTestDriver(QualityTopology.build(config), QualityTopology.streamsProperties(config), START);
        results = input(Topics.RESULTS);
        referencesIn = input(Topics.REFERENCES);
        requests = input(Topics.REFERENCE_REQUESTS);
        quality = driver.createOutputTopic(Topics.QUALITY.name(), Topics.QUALITY.keySerde().deserializer(),
                Topics.QUALITY.valueSerde().deserializer());
        referencesOut = driver.createOutputTopic(Topics.REFERENCES.name(), Topics.REFERENCES.keySerde().deserializer(),
                Topics.REFERENCES.valueSerde().deserializer());
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    void reference(QualityReference reference) {
        referencesIn.pipeInput(reference.setup(), reference);
    }

    /** The verdicts the window brought. */
    List<QualityVerdict> pipe(WindowSummary w) {
        results.pipeInput(w.run(), w);
        return verdicts();
    }

    void request(String setup, String run) {
        requests.pipeInput(setup, new ReferenceRequest(run, START.toEpochMilli(), "test"));
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    List<QualityVerdict> verdicts() {
        return quality.readValuesToList();
    }

    List<QualityReference> referencesWritten() {
        return referencesOut.readValuesToList();
    }

    /** A reference made of {@code windows} summed, as a promoted run would be. */
    static QualityReference referenceOf(String run, List<WindowSummary> windows) {
        Sample sum = Sample.empty();
        for (WindowSummary w : windows) {
            sum = sum.plus(w, 1);
        }
        return new QualityReference(QualityReference.SCHEMA_VERSION, QualityConfig.DEFAULT_SETUP, run, START.toEpochMilli(), sum.span(),
                sum.chambers(), sum.occupancySpread(), sum.driftTimeSpread());
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
