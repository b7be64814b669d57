package org.minidt.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record encoding of {@link Topics#RAW_HITS}, defined once for the emulator (writer) and the
 * processor (reader).
 *
 * <ul>
 *   <li>key: the run id (UTF-8). All frames of a run land in one partition, so a run's words keep their
 *       order; runs spread over the partitions.</li>
 *   <li>value: a frame of one or more DAQ text lines in the course stream format, each ended by '\n',
 *       exactly as read (after the one format conversion in {@link DaqFormat}). Text keeps the original
 *       bytes for the dead-letter topic; frames amortise the per-record cost of Kafka.</li>
 *   <li>headers: run start (wall clock and orbit), the source object and the line number of the first
 *       line, so that every word can be traced to its file and line.</li>
 * </ul>
 */
public record RawFrame(RunInfo run, String source, long firstLine, byte[] lines) {
    public static final String HEADER_RUN_START_MS = "minidt.run-start-ms";
    public static final String HEADER_RUN_START_ORBIT = "minidt.run-start-orbit";
    public static final String HEADER_SOURCE = "minidt.source";
    public static final String HEADER_FIRST_LINE = "minidt.first-line";

    /** Called for each line of a frame: bytes [from, to) of buf, its line number in the source. */
    @FunctionalInterface
    public interface LineVisitor {
        void line(byte[] buf, int from, int to, long lineNumber);
    }

    /** Visits each line of the frame (without its '\n'). */
    public void forEachLine(LineVisitor visitor) {
        int start = 0;
        long lineNumber = firstLine;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                visitor.line(lines, start, i, lineNumber++);
                start = i + 1;
            }
        }
        if (start < lines.length) {
            visitor.line(lines, start, lines.length, lineNumber);
        }
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, long timestampMs) {
        Headers headers = runHeaders(run, source).add(HEADER_FIRST_LINE, ascii(firstLine));
        return new ProducerRecord<>(topic, null, timestampMs, run.runId().getBytes(StandardCharsets.UTF_8), lines, headers);
    }

    /** The headers every raw-hits record of a run carries, frame or {@link SourceMarker}. */
    static Headers runHeaders(RunInfo run, String source) {
        return new RecordHeaders()
                .add(HEADER_RUN_START_MS, ascii(run.startEpochMs()))
                .add(HEADER_RUN_START_ORBIT, ascii(run.startOrbit()))
                .add(HEADER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a frame from a record's parts; a record without the run headers is not a frame. */
    public static RawFrame fromParts(byte[] key, byte[] value, Headers headers) throws MalformedWordException {
        if (value == null) {
            throw new MalformedWordException("record has no value");
        }
        return new RawFrame(runOf(key, headers), sourceOf(headers), longHeader(headers, HEADER_FIRST_LINE), value);
    }

    /** The run a raw-hits record belongs to: its key and run headers. */
    static RunInfo runOf(byte[] key, Headers headers) throws MalformedWordException {
        if (key == null || key.length == 0) {
            throw new MalformedWordException("record has no run id key");
        }
        return new RunInfo(new String(key, StandardCharsets.UTF_8),
                longHeader(headers, HEADER_RUN_START_MS), longHeader(headers, HEADER_RUN_START_ORBIT));
    }

    static String sourceOf(Headers headers) {
        Header source = headers.lastHeader(HEADER_SOURCE);
        return source == null || source.value() == null ? "?" : new String(source.value(), StandardCharsets.UTF_8);
    }

    static long longHeader(Headers headers, String name) throws MalformedWordException {
        Header h = headers.lastHeader(name);
        if (h == null || h.value() == null) {
            throw new MalformedWordException("record lacks header " + name);
        }
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new MalformedWordException("header " + name + " is not a number");
        }
    }

    private static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** Collects lines into a frame. */
    public static final class Builder {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        private int lineCount;

        public Builder add(String line) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            return add(b, b.length);
        }

        /** Adds bytes [0, length) of {@code line} as one line, exactly as they are. */
        public Builder add(byte[] line, int length) {
            buf.write(line, 0, length);
            buf.write('\n');
            lineCount++;
            return this;
        }

        public int lineCount() {
            return lineCount;
        }

        public int byteCount() {
            return buf.size();
        }

        /** The frame of the lines added so far; the builder is then empty again. */
        public RawFrame build(RunInfo run, String source, long firstLine) {
            RawFrame frame = new RawFrame(run, source, firstLine, buf.toByteArray());
            buf.reset();
            lineCount = 0;
            return frame;
        }
    }
}
