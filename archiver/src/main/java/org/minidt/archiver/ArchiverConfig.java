package org.minidt.archiver;

import org.minidt.common.S3Settings;

/**
 * How the archiver runs. The defaults are here and nowhere else.
 *
 * @param results          the archive bucket (created when missing) and the S3 server it is on
 * @param groupId          Kafka consumer group: the committed offsets say how far the archive is written
 * @param instanceId       static group membership id: a restarted archiver takes over at once, and a second one
 *                         with the same id is refused instead of writing the same runs
 * @param qualityTopic     quality verdicts per run, read when the topic exists
 * @param writeIntervalMs  a live run's objects are rewritten at most this long after a change
 * @param runEndQuietMs    a run without a new window for this long (archiver wall clock) has ended
 */
public record ArchiverConfig(String bootstrapServers, S3Settings results, String groupId, String instanceId, String qualityTopic,
        long writeIntervalMs, long runEndQuietMs) {
    public static final String DEFAULT_GROUP_ID = "minidt-archiver";
    public static final String DEFAULT_INSTANCE_ID = "archiver";
    public static final String DEFAULT_QUALITY_TOPIC = "minidt.quality";
    public static final long DEFAULT_WRITE_INTERVAL_MS = 10_000;
    public static final long DEFAULT_RUN_END_QUIET_MS = 60_000;

    public ArchiverConfig {
        if (writeIntervalMs < 1) {
            throw new IllegalArgumentException("write interval must be at least 1 ms, got " + writeIntervalMs);
        }
        if (runEndQuietMs < 1) {
            throw new IllegalArgumentException("run-end quiet time must be at least 1 ms, got " + runEndQuietMs);
        }
    }

    public static ArchiverConfig defaults(String bootstrapServers, S3Settings results) {
        return new ArchiverConfig(bootstrapServers, results, DEFAULT_GROUP_ID, DEFAULT_INSTANCE_ID, DEFAULT_QUALITY_TOPIC, DEFAULT_WRITE_INTERVAL_MS, DEFAULT_RUN_END_QUIET_MS);
    }

    public ArchiverConfig withGroupId(String id) {
        return new ArchiverConfig(bootstrapServers, results, id, instanceId, qualityTopic, writeIntervalMs, runEndQuietMs);
    }

    public ArchiverConfig withTiming(long writeMs, long quietMs) {
        return new ArchiverConfig(bootstrapServers, results, groupId, instanceId, qualityTopic, writeMs, quietMs);
    }
}
