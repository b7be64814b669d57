package org.minidt.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record on {@link Topics#RAW_HITS_DLQ}: the original bytes of a line (or of a whole record that is not a
 * frame) and why it was refused, so nothing bad vanishes and an operator can find its file and line.
 */
public record DeadLetter(byte[] runKey, byte[] original, String reason, String source, long lineNumber) {
    public static final String HEADER_REASON = "minidt.dlq.reason";
    public static final String HEADER_SOURCE = "minidt.dlq.source";
    public static final String HEADER_LINE = "minidt.dlq.line";
    /** Full length in bytes of a line too long to be kept whole (the record then holds its first bytes). */
    public static final String HEADER_LENGTH = "minidt.dlq.length";

    public Headers headers() {
        return new RecordHeaders()
                .add(HEADER_REASON, reason.getBytes(StandardCharsets.UTF_8))
                .add(HEADER_SOURCE, (source == null ? "?" : source).getBytes(StandardCharsets.UTF_8))
                .add(HEADER_LINE, Long.toString(lineNumber).getBytes(StandardCharsets.US_ASCII));
    }
}
