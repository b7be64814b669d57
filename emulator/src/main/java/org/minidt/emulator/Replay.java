package org.minidt.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.PackedHit;
import org.minidt.common.MalformedWordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends DAQ objects line by line, as bytes: converts each line to the course format (the one conversion, in
 * {@link DaqFormat}), paces it and hands it to the {@link FrameProducer}. Lines are passed on exactly as read
 * (CRs and bytes that are not UTF-8 included), malformed ones too: the processor parses them and
 * dead-letters what it cannot use. A line longer than the longest line kept whole is dead-lettered here,
 * with its length and first bytes, and the replay goes on. An object that cannot be read is a counted,
 * logged error; the replay goes on with the next object. An empty or header-only object is a counted warning.
 */
final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final long MAX_WAIT_NANOS = 10_000_000L;
    /** How many first bytes of an over-long line its dead letter keeps. */
    static final int DEAD_LETTER_PREFIX_BYTES = 4096;

    private final FrameProducer producer;
    private final Pacer pacer;
    private final EmulatorStatus status;
    private final int maxLineBytes;
    private final BooleanSupplier stopRequested;

    Replay(FrameProducer producer, Pacer pacer, EmulatorStatus status, int maxLineBytes, BooleanSupplier stopRequested) {
        this.producer = producer;
        this.pacer = pacer;
        this.status = status;
        this.maxLineBytes = maxLineBytes;
        this.stopRequested = stopRequested;
    }

    /**
     * Sends the lines of {@code object} after line {@code skipThrough} (0 for all) as part of the producer's run.
     * Returns false if a stop was requested before the end of the object.
     */
    boolean send(DaqObject object, long skipThrough) {
        status.at(producer.run().runId(), object.name(), skipThrough);
        long lineNumber = 0;
        boolean header = false;
        try (InputStream in = object.opener().open()) {
            LineReader lines = new LineReader(in, maxLineBytes, DEAD_LETTER_PREFIX_BYTES);
            while (lines.next()) {
                lineNumber++;
                byte[] line = lines.bytes();
                int length = lines.kept();
                if (lineNumber == 1 && !lines.tooLong() && DaqFormat.isHeader(line, length)) {
                    header = true;
                    continue;
                }
                if (lineNumber <= skipThrough) {
                    continue;
                }
                if (lines.tooLong()) {
                    producer.deadLetter(object.name(), lineNumber, line, length, lines.length(),
                            "line of " + lines.length() + " bytes, longer than " + maxLineBytes + " (--max-line-bytes); its first "
                                    + length + " bytes kept");
                    status.deadLetter();
                    log.warn("{} line {}: {} bytes, longer than {}: dead-lettered to the DLQ, replay goes on", object.name(), lineNumber,
                            lines.length(), maxLineBytes);
                    continue;
                }
                object.format().toCourseLine(line, length);
                // Parsed once here: the packed frame carries the hit as parsed, the pacer and the markers use its time.
                long hit = DaqWordParser.wellFormedHit(line, 0, length);
                long ticks = hit != PackedHit.NONE ? PackedHit.ticks(hit) : Pacer.hitTicks(line, length);
                while (!pacer.awaitNext(ticks, MAX_WAIT_NANOS) && !stopRequested.getAsBoolean()) {
                    // Not due yet: the paced clock (speed mode) has not reached this word, so everything before it is sent.
                    long paced = pacer.pacedClockTicks();
                    producer.tick(paced == Pacer.NO_TIME ? Pacer.NO_TIME : Math.min(paced, ticks - 1));
                }
                if (stopRequested.getAsBoolean()) {
                    return false;
                }
                producer.add(object.name(), lineNumber, line, length, hit, ticks);
                pacer.sent(ticks);
                status.line(lineNumber);
                producer.tick();
            }
            if (lineNumber == (header ? 1 : 0)) {
                String what = object.name() + (header ? " holds only a header line" : " is empty") + ": nothing to send";
                log.warn(what);
                status.emptyObject(what);
            }
            return true;
        } catch (IOException | SdkException e) {
            String what = object.name() + ": read failed after line " + lineNumber + " (" + e.getMessage() + "), rest of the object skipped";
            log.error(what);
            status.error(what);
            return true;
        }
    }

    /** ORBIT_CNT of the first hit among {@code objects}: the orbit whose start anchors a run to the wall clock. */
    static long firstHitOrbit(List<DaqObject> objects) {
        for (DaqObject object : objects) {
            try (InputStream in = object.opener().open()) {
                long orbit = firstHitOrbit(in, object.format());
                if (orbit >= 0) {
                    return orbit;
                }
            } catch (IOException | SdkException e) {
                // reported when the object is sent
            }
        }
        return 0;
    }

    /** ORBIT_CNT of the first hit read from {@code in} (left open), or -1 if there is none. */
    static long firstHitOrbit(InputStream in, DaqFormat format) throws IOException {
        // A line longer than any word cannot be a hit: such lines are skipped, never held.
        LineReader lines = new LineReader(in, DaqWordParser.MAX_LINE_BYTES, 0);
        while (lines.next()) {
            if (lines.tooLong()) {
                continue;
            }
            byte[] line = lines.bytes();
            format.toCourseLine(line, lines.kept());
            try {
                DaqWord w = DaqWordParser.parse(line, 0, lines.kept());
                if (w.isHit()) {
                    return w.orbit();
                }
            } catch (MalformedWordException e) {
                // headers and bad lines do not anchor a run
            }
        }
        return -1;
    }
}
