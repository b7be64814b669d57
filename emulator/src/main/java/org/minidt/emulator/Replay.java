package org.minidt.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.MalformedWordException;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends DAQ objects line by line: converts each line to the course format (the one conversion, in
 * {@link DaqFormat}), paces it and hands it to the {@link FrameProducer}. Lines are passed on exactly as read,
 * malformed ones included: the processor parses them and dead-letters what it cannot use. An object that
 * cannot be read is a counted, logged error; the replay goes on with the next object.
 */
final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final long MAX_WAIT_NANOS = 10_000_000L;

    private final FrameProducer producer;
    private final Pacer pacer;
    private final EmulatorStatus status;
    private final BooleanSupplier stopRequested;

    Replay(FrameProducer producer, Pacer pacer, EmulatorStatus status, BooleanSupplier stopRequested) {
        this.producer = producer;
        this.pacer = pacer;
        this.status = status;
        this.stopRequested = stopRequested;
    }

    /**
     * Sends the lines of {@code object} after line {@code skipThrough} (0 for all) as part of the producer's run.
     * Returns false if a stop was requested before the end of the object.
     */
    boolean send(DaqObject object, long skipThrough) {
        status.at(producer.run().runId(), object.name(), skipThrough);
        long lineNumber = 0;
        try (BufferedReader in = object.openLines()) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (lineNumber <= skipThrough || (lineNumber == 1 && DaqFormat.isHeader(line))) {
                    continue;
                }
                String courseLine = object.format().toCourseLine(line);
                long ticks = Pacer.hitTicks(courseLine);
                while (!pacer.awaitNext(ticks, MAX_WAIT_NANOS) && !stopRequested.getAsBoolean()) {
                    // Not due yet: the paced clock (speed mode) has not reached this word, so everything before it is sent.
                    long paced = pacer.pacedClockTicks();
                    producer.tick(paced == Pacer.NO_TIME ? Pacer.NO_TIME : Math.min(paced, ticks - 1));
                }
                if (stopRequested.getAsBoolean()) {
                    return false;
                }
                producer.add(object.name(), lineNumber, courseLine, ticks);
                pacer.sent(ticks);
                status.line(lineNumber);
                producer.tick();
            }
            return true;
        } catch (IOException | UserError e) {
            String what = object.name() + ": read failed after line " + lineNumber + " (" + e.getMessage() + "), rest of the object skipped";
            log.error(what);
            status.error(what);
            return true;
        }
    }

    /** ORBIT_CNT of the first hit among {@code objects}: the orbit whose start anchors a run to the wall clock. */
    static long firstHitOrbit(List<DaqObject> objects) {
        for (DaqObject object : objects) {
            try (BufferedReader in = object.openLines()) {
                long orbit = firstHitOrbit(in, object.format());
                if (orbit >= 0) {
                    return orbit;
                }
            } catch (IOException | UserError e) {
                // reported when the object is sent
            }
        }
        return 0;
    }

    /** ORBIT_CNT of the first hit read from {@code in}, or -1 if there is none. */
    static long firstHitOrbit(BufferedReader in, DaqFormat format) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                DaqWord w = DaqWordParser.parse(format.toCourseLine(line));
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
