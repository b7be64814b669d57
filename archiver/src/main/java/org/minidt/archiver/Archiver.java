package org.minidt.archiver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.Json;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Consumes {@code minidt.results} (and the quality topic once it exists) and keeps every run in the archive
 * bucket. A changed run is written at most {@code writeIntervalMs} after the change, and at once when it ends
 * (its last_in_run window arrived, or it was quiet for {@code runEndQuietMs}); offsets are committed only after the objects of everything consumed so far are written, so a crash
 * at any point replays records whose windows the restored run already holds or takes again.
 */
public final class Archiver {
    private static final Logger log = LoggerFactory.getLogger(Archiver.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ArchiverConfig config;
    private final Map<String, ArchivedRun> runs = new LinkedHashMap<>();

    public Archiver(ArchiverConfig config) {
        this.config = config;
    }

    /** Runs until {@code stopRequested}; then writes what changed and commits. */
    public void run(BooleanSupplier stopRequested) {
        try (ArchiveStore store = new ArchiveStore(config.results());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            store.ensureBucket();
            log.info("archiver: {} (and {} when it exists) -> {}, written every {} ms, a run ends after {} ms quiet",
                    Topics.RESULTS, config.qualityTopic(), store.where(), config.writeIntervalMs(), config.runEndQuietMs());
            consumer.subscribe(Pattern.compile(Pattern.quote(Topics.RESULTS.name()) + "|" + Pattern.quote(config.qualityTopic())),
                    new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                            // Another archiver takes over: hand it offsets that match the bucket.
                            if (writeChanged(store)) {
                                consumer.commitSync();
                            }
                        }

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        }
                    });
            long nextWrite = System.currentTimeMillis() + config.writeIntervalMs();
            while (!stopRequested.getAsBoolean()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    take(r, store);
                }
                long now = System.currentTimeMillis();
                for (ArchivedRun run : runs.values()) {
                    if (run.endIfQuiet(now, config.runEndQuietMs())) {
                        log.info("run {} ended: no window for {} ms ({} windows)", run.run(), config.runEndQuietMs(), run.windowCount());
                    }
                }
                // A run that just ended is written at once; every other change at the interval.
                if (now >= nextWrite || runs.values().stream().anyMatch(ArchivedRun::endToWrite)) {
                    if (writeChanged(store)) {
                        consumer.commitSync();
                    }
                    nextWrite = now + config.writeIntervalMs();
                }
            }
            if (writeChanged(store)) {
                consumer.commitSync();
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> r, ArchiveStore store) {
        long now = System.currentTimeMillis();
        if (r.topic().equals(Topics.RESULTS.name())) {
            WindowSummary w = read(r, Topics.RESULTS.valueSerde().deserializer());
            if (w != null && w.run() != null && w.window() != null && w.chambers() != null) {
                run(w.run(), store, now).window(w, now);
            }
        } else {
            JsonNode verdict = read(r, (topic, bytes) -> {
                try {
                    return Json.MAPPER.readTree(bytes);
                } catch (IOException e) {
                    throw new SerializationException(e.getMessage(), e);
                }
            });
            String run = r.key() != null ? r.key() : verdict == null ? null : verdict.path("run").asText(null);
            if (verdict != null && run != null) {
                run(run, store, now).verdict(verdict, now);
            }
        }
    }

    /** The record's value, or null (logged, skipped) when it is empty or not readable. */
    private static <T> T read(ConsumerRecord<String, byte[]> r, Deserializer<T> deserializer) {
        try {
            T value = r.value() == null ? null : deserializer.deserialize(r.topic(), r.value());
            if (value == null) {
                log.warn("{}-{}@{}: empty record, skipped", r.topic(), r.partition(), r.offset());
            }
            return value;
        } catch (SerializationException e) {
            log.warn("{}-{}@{}: not readable ({}), skipped", r.topic(), r.partition(), r.offset(),
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return null;
        }
    }

    /** The run in memory, or as an earlier archiver left it in the bucket, or a new one. */
    private ArchivedRun run(String id, ArchiveStore store, long now) {
        ArchivedRun run = runs.get(id);
        if (run == null) {
            run = store.restore(id, now);
            if (run == null) {
                run = new ArchivedRun(id, now);
                log.info("run {}: new in the archive", id);
            }
            runs.put(id, run);
        }
        return run;
    }

    /**
     * Writes every changed run, then forgets the ended ones. False when S3 failed: nothing may be committed,
     * and the next attempt writes the same objects again.
     */
    private boolean writeChanged(ArchiveStore store) {
        try {
            for (Iterator<ArchivedRun> it = runs.values().iterator(); it.hasNext(); ) {
                ArchivedRun run = it.next();
                if (run.needsWrite() && run.windowCount() > 0) {
                    Map<String, byte[]> objects = run.objectsToWrite();
                    store.put(objects);
                    run.written();
                    log.info("run {}: wrote {} objects, {} bytes ({} windows{})", run.run(), objects.size(),
                            objects.values().stream().mapToLong(b -> b.length).sum(), run.windowCount(), run.ended() ? ", ended" : "");
                }
                if (run.ended() && !run.needsWrite()) {
                    it.remove();
                }
            }
            return true;
        } catch (SdkException e) {
            log.warn("archive {} not written ({}) — retrying in {} ms; offsets stay uncommitted", store.where(), e.getMessage(),
                    config.writeIntervalMs());
            return false;
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only windows of committed processor transactions.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The quality topic is picked up within 30 s of its creation.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "minidt-archiver");
        return p;
    }
}
