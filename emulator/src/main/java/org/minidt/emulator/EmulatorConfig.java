package org.minidt.emulator;

import java.nio.file.Path;
import java.util.List;
import org.minidt.common.DaqFormat;

/**
 * What to replay and how fast.
 *
 * @param s3 where the objects are (ignored when {@code files} is not empty)
 * @param keys explicit object keys, in order; empty for every key under {@code prefix}
 * @param files local files to replay instead of S3 objects
 * @param rate words per second; 0 for as fast as possible
 * @param loop replay again and again, each pass a new run
 * @param runId run id, or null for run-&lt;UTC date-time&gt;
 * @param frameDelayMs longest time a word waits in a frame before it is sent
 */
public record EmulatorConfig(String bootstrapServers, S3Settings s3, String prefix, List<String> keys, List<Path> files,
                             DaqFormat format, double rate, boolean loop, String runId, long frameDelayMs) {
}
