package org.minidt.processor;

import java.nio.file.Path;

/**
 * Settings of the monitoring topology and its Kafka Streams runtime.
 *
 * @param windowMs tumbling window size in detector time, 1000..5000 ms
 * @param graceMs how far behind the newest hit a hit may arrive and still count in its window
 * @param quietCloseMs after this much wall-clock time without input, open windows close by the wall clock
 */
public record ProcessorConfig(
        String bootstrapServers,
        String applicationId,
        long windowMs,
        long graceMs,
        long quietCloseMs,
        Path stateDir,
        String processingGuarantee,
        int streamThreads) {

    public static final String DEFAULT_APPLICATION_ID = "minidt-processor";

    public ProcessorConfig {
        if (windowMs < 1000 || windowMs > 5000) {
            throw new IllegalArgumentException("window size must be 1000..5000 ms, got " + windowMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("grace must not be negative, got " + graceMs);
        }
    }

    public static ProcessorConfig defaults(String bootstrapServers, Path stateDir) {
        return new ProcessorConfig(bootstrapServers, DEFAULT_APPLICATION_ID, 1000, 1000, 1000, stateDir, "exactly_once_v2", 1);
    }
}
