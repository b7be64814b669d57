package org.minidt.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.Json;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/**
 * Every committed window on minidt.results, in topic order, as the processor wrote it: what the page must agree with.
 * It reads as the windows come; {@link #readCommitted} reads them once, for a measurement that must not share the
 * machine with a second reader of every window.
 */
final class ResultsRecorder implements AutoCloseable {
    private static final TopicPartition RESULTS_0 = new TopicPartition(Topics.RESULTS.name(), 0);
    private final List<WindowSummary> windows = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ResultsRecorder(String bootstrapServers) {
        thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = fromTheBeginning(bootstrapServers)) {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        WindowSummary w = Json.fromBytes(r.value(), WindowSummary.class);
                        synchronized (windows) {
                            windows.add(w);
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("results recorder stopped", e);
            }
        }, "results-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** The windows committed on minidt.results up to now, in topic order, read once. */
    static List<WindowSummary> readCommitted(String bootstrapServers) throws IOException {
        List<WindowSummary> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = fromTheBeginning(bootstrapServers)) {
            // With read_committed the end offset is the last stable one: the windows whose transactions have ended.
            long end = c.endOffsets(List.of(RESULTS_0)).get(RESULTS_0);
            while (c.position(RESULTS_0) < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                    out.add(Json.fromBytes(r.value(), WindowSummary.class));
                }
            }
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> fromTheBeginning(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        c.assign(List.of(RESULTS_0));
        c.seekToBeginning(List.of(RESULTS_0));
        return c;
    }

    /** Windows recorded so far, in topic order. */
    List<WindowSummary> windows() {
        synchronized (windows) {
            return List.copyOf(windows);
        }
    }

    /** The window of {@code run} with {@code index}, if recorded yet. */
    Optional<WindowSummary> find(String run, long index) {
        return windows().stream().filter(w -> w.run().equals(run) && w.window().index() == index).findFirst();
    }

    /** The windows of {@code run} up to and including {@code last}, in topic order. */
    List<WindowSummary> runUpTo(WindowSummary last) {
        List<WindowSummary> out = new ArrayList<>();
        for (WindowSummary w : windows()) {
            if (w.run().equals(last.run())) {
                out.add(w);
            }
            if (w.equals(last)) {
                break;
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
