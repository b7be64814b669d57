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
 *   <li>value: a frame of one or more DAQ lines in the course stream format (after the one format conversion in
 *       {@link DaqFormat}), in one of two encodings, both holding every line exactly as read (the original bytes
 *       for the dead-letter topic); frames amortise the per-record cost of Kafka.
 *       <ul>
 *         <li>{@link Encoding#TEXT} (no encoding header): the lines, each ended by '\n';</li>
 *         <li>{@link Encoding#PACKED} (header {@value #HEADER_ENCODING} = {@value PackedFrame#ID}): hits parsed once
 *             into 8-byte {@link PackedHit}s, every other line escaped with its bytes ({@link PackedFrame}). What the
 *             emulator sends: the processor then parses no text for hits.</li>
 *       </ul></li>
 *   <li>headers: run start (wall clock and orbit), the source object and the line number of the first
 *       line, so that every word can be traced to its file and line.</li>
 * </ul>
 */
public record RawFrame(RunInfo run, String source, long firstLine, Encoding encoding, byte[] value) {
    public static final String HEADER_RUN_START_MS = "minidt.run-start-ms";
    public static final String HEADER_RUN_START_ORBIT = "minidt.run-start-orbit";
    public static final String HEADER_SOURCE = "minidt.source";
    public static final String HEADER_FIRST_LINE = "minidt.first-line";
    public static final String HEADER_ENCODING = "minidt.encoding";

    /** How a frame's value holds its lines. */
    public enum Encoding { TEXT, PACKED }

    /** A text frame: '\n'-terminated lines. */
    public RawFrame(RunInfo run, String source, long firstLine, byte[] lines) {
        this(run, source, firstLine, Encoding.TEXT, lines);
    }

    /** Called for each line of a frame: bytes [from, to) of buf, its line number in the source. */
    @FunctionalInterface
    public interface LineVisitor {
        void line(byte[] buf, int from, int to, long lineNumber);
    }

    /** Called for each line of a frame: a well-formed hit in its packed form, or any other line as its bytes. */
    public interface WordVisitor {
        /** A line that {@link DaqWordParser#wellFormedHit} takes, as the {@link PackedHit} it gives. */
        void hit(long packedHit, long lineNumber);

        /** Any other line: bytes [from, to) of buf, without its '\n'. */
        void line(byte[] buf, int from, int to, long lineNumber);
    }

    /** Visits each line of the frame, a well-formed hit as its packed form (parsed here for a text frame). */
    public void forEachWord(WordVisitor visitor) {
        if (encoding == Encoding.PACKED) {
            PackedFrame.read(value, firstLine, visitor);
            return;
        }
        forEachTextLine((buf, from, to, lineNumber) -> {
            long hit = DaqWordParser.wellFormedHit(buf, from, to);
            if (hit == PackedHit.NONE) {
                visitor.line(buf, from, to, lineNumber);
            } else {
                visitor.hit(hit, lineNumber);
            }
        });
    }

    /** Visits each line of the frame as its original bytes (without its '\n'), whatever the encoding. */
    public void forEachLine(LineVisitor visitor) {
        if (encoding == Encoding.TEXT) {
            forEachTextLine(visitor);
            return;
        }
        PackedFrame.read(value, firstLine, new WordVisitor() {
            @Override
            public void hit(long packedHit, long lineNumber) {
                byte[] line = PackedHit.toLine(packedHit).getBytes(StandardCharsets.US_ASCII);
                visitor.line(line, 0, line.length, lineNumber);
            }

            @Override
            public void line(byte[] buf, int from, int to, long lineNumber) {
                visitor.line(buf, from, to, lineNumber);
            }
        });
    }

    private void forEachTextLine(LineVisitor visitor) {
        int start = 0;
        long lineNumber = firstLine;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\n') {
                visitor.line(value, start, i, lineNumber++);
                start = i + 1;
            }
        }
        if (start < value.length) {
            visitor.line(value, start, value.length, lineNumber);
        }
    }

    public ProducerRecord<byte[], byte[]> toProducerRecord(String topic, long timestampMs) {
        Headers headers = runHeaders(run, source).add(HEADER_FIRST_LINE, ascii(firstLine));
        if (encoding == Encoding.PACKED) {
            headers.add(HEADER_ENCODING, PackedFrame.ID.getBytes(StandardCharsets.US_ASCII));
        }
        return new ProducerRecord<>(topic, null, timestampMs, run.runId().getBytes(StandardCharsets.UTF_8), value, headers);
    }

    /** The headers every raw-hits record of a run carries, frame or {@link SourceMarker}. */
    static Headers runHeaders(RunInfo run, String source) {
        return new RecordHeaders()
                .add(HEADER_RUN_START_MS, ascii(run.startEpochMs()))
                .add(HEADER_RUN_START_ORBIT, ascii(run.startOrbit()))
                .add(HEADER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a frame from a record's parts; a record without the run headers, of an unknown encoding or whose packed
     * value is not well formed is not a frame.
     */
    public static RawFrame fromParts(byte[] key, byte[] value, Headers headers) throws MalformedWordException {
        if (value == null) {
            throw new MalformedWordException("record has no value");
        }
        RawFrame frame = new RawFrame(runOf(key, headers), sourceOf(headers), longHeader(headers, HEADER_FIRST_LINE),
                encodingOf(headers), value);
        if (frame.encoding == Encoding.PACKED) {
            PackedFrame.check(value);
        }
        return frame;
    }

    private static Encoding encodingOf(Headers headers) throws MalformedWordException {
        Header h = headers.lastHeader(HEADER_ENCODING);
        if (h == null) {
            return Encoding.TEXT;
        }
        String id = h.value() == null ? "" : new String(h.value(), StandardCharsets.US_ASCII);
        if (!id.equals(PackedFrame.ID)) {
            throw new MalformedWordException("unknown frame encoding '" + id + "'");
        }
        return Encoding.PACKED;
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

    /** Collects lines into a frame of one encoding. */
    public static final class Builder {
        private final Encoding encoding;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
        private int lineCount;

        /** A builder of text frames. */
        public Builder() {
            this(Encoding.TEXT);
        }

        public Builder(Encoding encoding) {
            this.encoding = encoding;
        }

        public Builder add(String line) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            return add(b, b.length);
        }

        /** Adds bytes [0, length) of {@code line} as one line, exactly as they are. */
        public Builder add(byte[] line, int length) {
            return add(line, length, encoding == Encoding.PACKED ? DaqWordParser.wellFormedHit(line, 0, length) : PackedHit.NONE);
        }

        /**
         * Adds bytes [0, length) of {@code line} as one line, already parsed: {@code packedHit} is what
         * {@link DaqWordParser#wellFormedHit} gives for it (a text frame ignores it).
         */
        public Builder add(byte[] line, int length, long packedHit) {
            if (encoding == Encoding.PACKED) {
                PackedFrame.write(buf, line, length, packedHit);
            } else {
                buf.write(line, 0, length);
                buf.write('\n');
            }
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
            RawFrame frame = new RawFrame(run, source, firstLine, encoding, buf.toByteArray());
            buf.reset();
            lineCount = 0;
            return frame;
        }
    }
}
