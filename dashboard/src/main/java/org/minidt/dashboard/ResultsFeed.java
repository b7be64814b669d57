package org.minidt.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code minidt.results}: first back to the start of the current run (so a page opened mid-run shows
 * the run's cumulative sums at once), then live. Without a consumer group: every dashboard sees every
 * window. Malformed records are logged, counted and skipped.
 *
 * <p>How far back: the newest window names the current run and, through its index, the run's wall-clock
 * start. Record timestamps are the windows' wall-clock ends, so the read starts at the first record
 * stamped after {@code min(run start - RUN_START_MARGIN, now - history)}, but never more than
 * {@code maxReadback} before now.
 */
final class ResultsFeed implements AutoCloseable {
    /** Windows of words from just before the run start end before it (negative window index). */
    static final long RUN_START_MARGIN_MS = 60_000;
    /** Records read from the end of each partition to find the newest window. */
    private static final int NEWEST_PROBE_RECORDS = 64;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_MS = 2_000;
    private static final long BROKER_CHECK_MS = 5_000;
    private static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ResultsFeed.class);

    /** Where windows go. */
    interface Listener {
        void window(WindowSummary window);

        /** The read-back is complete: from now on windows arrive live. */
        void caughtUp();
    }

    private final Properties consumerProps;
    private final Listener listener;
    private final long historyMs;
    private final long maxReadbackMs;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong lastBrokerAnswerMs = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong lag = new AtomicLong();
    /** Where to carry on after a Kafka failure; empty until the first read-back has started. */
    private final Map<TopicPartition, Long> resumeAt = new ConcurrentHashMap<>();
    /** The read-back has reached the end once: later sessions are live from their first poll. */
    private boolean live;
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String lastError;

    ResultsFeed(String bootstrapServers, Listener listener, long historyMs, long maxReadbackMs) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Only windows of committed processor transactions: an aborted attempt's windows never show.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Kafka's default fetch wait (500 ms) costs a window no time: the processor's commit writes transaction markers,
        // and those end the broker's waiting read_committed fetch at once. A 10 ms wait only sent a hundred fetches a
        // second, for nothing (docs/benchmarks.md, eighth session).
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "minidt-dashboard");
        this.consumerProps = p;
        this.listener = listener;
        this.historyMs = historyMs;
        this.maxReadbackMs = maxReadbackMs;
        this.thread = new Thread(this::run, "results-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Reads until closed; after a Kafka failure it reconnects and resumes where it stopped. */
    private void run() {
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!running.get()) {
                    return;
                }
                readFrom(c);
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                lastError = e.toString();
                log.warn("results feed: {} — retrying in {} ms", e.toString(), RETRY_MS);
                sleepBeforeRetry();
            }
        }
    }

    private void readFrom(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = c.partitionsFor(Topics.RESULTS.name(), Duration.ofSeconds(30)).stream()
                .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList();
        if (partitions.isEmpty()) {
            throw new KafkaException("topic " + Topics.RESULTS.name() + " does not exist yet");
        }
        c.assign(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        if (!resumeAt.isEmpty()) {
            // Back after a Kafka failure: carry on where this feed stopped, the sums already hold the rest.
            partitions.forEach(tp -> c.seek(tp, resumeAt.getOrDefault(tp, end.get(tp))));
            log.info("results feed: resuming at {}", resumeAt);
        } else {
            seekToReadbackStart(c, partitions, end);
        }
        lastError = null;
        boolean caughtUp = live;
        long readBack = 0;
        long nextBrokerCheckMs = 0;
        while (running.get()) {
            ConsumerRecords<String, byte[]> records = c.poll(POLL);
            records.forEach(this::accept);
            partitions.forEach(tp -> resumeAt.put(tp, c.position(tp)));
            if (!caughtUp) {
                readBack += records.count();
                if (partitions.stream().allMatch(tp -> c.position(tp) >= end.get(tp))) {
                    caughtUp = true;
                    live = true;
                    log.info("results feed: read back {} records, now live", readBack);
                    listener.caughtUp();
                }
            }
            long now = System.currentTimeMillis();
            if (now >= nextBrokerCheckMs) {
                // poll() stays silent when the broker is gone; asking for the end offsets is not.
                Map<TopicPartition, Long> latest = c.endOffsets(partitions, BROKER_CHECK_TIMEOUT);
                lag.set(partitions.stream().mapToLong(tp -> Math.max(0, latest.get(tp) - c.position(tp))).sum());
                lastBrokerAnswerMs.set(now);
                nextBrokerCheckMs = now + BROKER_CHECK_MS;
            }
        }
    }

    private void seekToReadbackStart(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        long from = readbackFromMs(c, partitions, end);
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.forEach(tp -> since.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(since);
        partitions.forEach(tp -> {
            OffsetAndTimestamp o = offsets.get(tp);
            c.seek(tp, o == null ? end.get(tp) : o.offset());
        });
        log.info("results feed: reading back from {} (records stamped after {})", offsets, Instant.ofEpochMilli(from));
    }

    /** Wall-clock time to read back from: see the class comment. */
    private long readbackFromMs(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        long now = System.currentTimeMillis();
        long from = now - historyMs;
        WindowSummary newest = newestWindow(c, partitions, end);
        if (newest != null) {
            from = Math.min(from, newest.window().runStartMs() - RUN_START_MARGIN_MS);
        }
        return Math.max(from, now - maxReadbackMs);
    }

    /** The most recently emitted window among the last records of each partition, or null. */
    private WindowSummary newestWindow(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
        partitions.forEach(tp -> c.seek(tp, Math.max(begin.get(tp), end.get(tp) - NEWEST_PROBE_RECORDS)));
        WindowSummary newest = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                try {
                    WindowSummary w = ResultsMessage.parse(r.value());
                    if (newest == null || w.window().emittedMs() >= newest.window().emittedMs()) {
                        newest = w;
                    }
                } catch (ResultsMessage.MalformedResult e) {
                    // Counted when the read-back reaches it.
                }
            }
        }
        return newest;
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        WindowSummary w;
        try {
            w = ResultsMessage.parse(r.value());
        } catch (ResultsMessage.MalformedResult e) {
            malformed.incrementAndGet();
            log.warn("skipped malformed results message at {}-{} offset {}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        listener.window(w);
    }

    private void sleepBeforeRetry() {
        try {
            closing.await(RETRY_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    long malformed() {
        return malformed.get();
    }

    /** Epoch ms of the broker's last answer to the feed (of the feed's creation before the first). */
    long lastBrokerAnswerMs() {
        return lastBrokerAnswerMs.get();
    }

    /** Results records on the topic not yet read by the feed, as of the last broker check. */
    long lag() {
        return lag.get();
    }

    /** The last Kafka failure while no read-back has succeeded since, or null. */
    String lastError() {
        return lastError;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        closing.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(10_000);
    }
}
