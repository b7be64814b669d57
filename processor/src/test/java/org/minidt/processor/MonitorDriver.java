package org.minidt.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.minidt.common.Json;
import org.minidt.common.RawFrame;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/** The monitoring topology in a {@link TopologyTestDriver}, fed with frames, its outputs read back. */
final class MonitorDriver implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    /** Wall clock of the processor, moved together with the driver's. */
    private final AtomicLong wallClock = new AtomicLong(START.toEpochMilli());
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, byte[]> results;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    /** A driver of the default configuration as changed by {@code settings}. */
    MonitorDriver(UnaryOperator<ProcessorConfig> settings) {
        try {
            stateDir = Files.createTempDirectory("minidt-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessorConfig c = settings.apply(ProcessorConfig.defaults("driver:9092", stateDir).withApplicationId("driver"));
        driver = new TopologyTestDriver(MonitorTopology.buildTopology(c, wallClock::get), MonitorTopology.streamsProperties(c), START);
        input = driver.createInputTopic(Topics.RAW_HITS.name(), Topics.RAW_HITS.keySerde().serializer(), Topics.RAW_HITS.valueSerde().serializer());
        // Results are read as their JSON bytes, so tests can check the bytes against the schema before parsing them.
        results = driver.createOutputTopic(Topics.RESULTS.name(), Topics.RESULTS.keySerde().deserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.RAW_HITS_DLQ.name(), Topics.RAW_HITS_DLQ.keySerde().deserializer(),
                Topics.RAW_HITS_DLQ.valueSerde().deserializer());
    }

    void pipe(List<RawFrame> frames) {
        frames.forEach(this::pipe);
    }

    void pipe(RawFrame frame) {
        pipe(frame.toProducerRecord(Topics.RAW_HITS.name(), START.toEpochMilli()));
    }

    void pipe(SourceMarker marker) {
        pipe(marker.toProducerRecord(START.toEpochMilli()));
    }

    void pipe(ProducerRecord<byte[], byte[]> record) {
        input.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp()));
    }

    /** Moves the wall clock on in steps of the processor's silence check, as time passes for a running processor. */
    void advanceWallClock(Duration d) {
        long step = MonitorProcessor.SILENCE_CHECK_INTERVAL.toMillis();
        for (long left = d.toMillis(); left > 0; left -= step) {
            long ms = Math.min(step, left);
            wallClock.addAndGet(ms);
            driver.advanceWallClockTime(Duration.ofMillis(ms));
        }
    }

    /** Moves the wall clock on at once, as for a processor whose thread stalled (long GC, slow commit). */
    void stall(Duration d) {
        wallClock.addAndGet(d.toMillis());
        driver.advanceWallClockTime(d);
    }

    /** The JSON of the window messages emitted since the last call. */
    List<byte[]> resultJson() {
        return results.readValuesToList();
    }

    /** The window messages emitted since the last call. */
    List<WindowSummary> results() {
        return resultJson().stream().map(MonitorDriver::parse).toList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** A monitor metric of the driven topology, summed over its tasks. */
    double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(MonitorMetrics.GROUP) && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    static WindowSummary parse(byte[] json) {
        try {
            return Json.fromBytes(json, WindowSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
