package org.minidt.common;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A source's statement about a run on {@link Topics#RAW_HITS}, beside the run's {@link RawFrame}s: same key
 * (so same partition, in order with the frames) and written in the same Kafka transaction as the frames it
 * speaks for, so it is exactly as durable and as ordered as the data.
 *
 * <ul>
 *   <li>{@link Kind#PROGRESS}: the source is alive, and every word of the run it has read up to detector time
 *       {@code sourceTicks} is on the topic before this record. Sent at a fixed interval even while the source
 *       is paused or waiting, so a reader can tell "slow or paused" (progress keeps coming) from "gone" (nothing
 *       comes). The processor takes {@code sourceTicks} as a lower bound of stream time.</li>
 *   <li>{@link Kind#END_OF_RUN}: the run has no more words; {@code sourceTicks} is the newest detector time the
 *       source sent. Every open window of the run is complete.</li>
 * </ul>
 *
 * <p>Encoding: key = run id (UTF-8), empty value, the run headers of a frame ({@link RawFrame#HEADER_RUN_START_MS},
 * {@link RawFrame#HEADER_RUN_START_ORBIT}, {@link RawFrame#HEADER_SOURCE}) plus {@link #HEADER_MARKER} (the
 * kind's id) and {@link #HEADER_SOURCE_TICKS}. A record with {@link #HEADER_MARKER} is a marker, never a frame.
 */
public record SourceMarker(RunInfo run, String source, Kind kind, long sourceTicks) {
    public static final String HEADER_MARKER = "minidt.marker";
    public static final String HEADER_SOURCE_TICKS = "minidt.source-ticks";

    public enum Kind {
        PROGRESS("progress"), END_OF_RUN("end-of-run");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Kind fromId(String id) throws MalformedWordException {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new MalformedWordException("unknown source marker '" + id + "'");
        }
    }

    /** Whether a raw-hits record is a marker rather than a frame. */
    public static boolean isMarker(Headers headers) {
        return headers.lastHeader(HEADER_MARKER) != null;
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(long timestampMs) {
        Headers headers = RawFrame.runHeaders(run, source)
                .add(HEADER_MARKER, kind.id().getBytes(StandardCharsets.US_ASCII))
                .add(HEADER_SOURCE_TICKS, Long.toString(sourceTicks).getBytes(StandardCharsets.US_ASCII));
        return new ProducerRecord<>(Topics.RAW_HITS.name(), null, timestampMs, run.runId().getBytes(StandardCharsets.UTF_8),
                new byte[0], headers);
    }

    /** Reads a marker from a record's parts (for records where {@link #isMarker} holds). */
    public static SourceMarker fromParts(byte[] key, Headers headers) throws MalformedWordException {
        RunInfo run = RawFrame.runOf(key, headers);
        Header kind = headers.lastHeader(HEADER_MARKER);
        if (kind == null || kind.value() == null) {
            throw new MalformedWordException("record lacks header " + HEADER_MARKER);
        }
        return new SourceMarker(run, RawFrame.sourceOf(headers), Kind.fromId(new String(kind.value(), StandardCharsets.US_ASCII)),
                RawFrame.longHeader(headers, HEADER_SOURCE_TICKS));
    }
}
