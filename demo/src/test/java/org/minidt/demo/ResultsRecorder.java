package org.minidt.demo;

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

/** Every committed window on minidt.results, in topic order, as the processor wrote it: what the page must agree with. */
final class ResultsRecorder implements AutoCloseable {
    private final List<WindowSummary> windows = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ResultsRecorder(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        thread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                TopicPartition tp = new TopicPartition(Topics.RESULTS.name(), 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
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
