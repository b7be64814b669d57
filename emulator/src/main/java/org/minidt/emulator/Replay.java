package org.minidt.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.MalformedWordException;
import org.minidt.common.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays DAQ objects as one run: reads each object line by line, converts it to the course format,
 * paces the words and hands them to the {@link FrameProducer}.
 */
final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final FrameProducer producer;
    private final Pacer pacer;
    private final BooleanSupplier stopRequested;

    Replay(FrameProducer producer, Pacer pacer, BooleanSupplier stopRequested) {
        this.producer = producer;
        this.pacer = pacer;
        this.stopRequested = stopRequested;
    }

    /**
     * Sends every line of {@code objects} as run {@code runId} starting now. Returns the number of lines sent
     * (fewer if a stop was requested).
     */
    long run(String runId, List<DaqObject> objects) throws IOException {
        RunInfo run = new RunInfo(runId, System.currentTimeMillis(), firstHitOrbit(objects));
        log.info("run {}: {} object(s), run start orbit {}, rate {}", runId, objects.size(), run.startOrbit(),
                pacer.rate() <= 0 ? "max" : (long) pacer.rate() + " words/s");
        long startNanos = System.nanoTime();
        long lastProgress = startNanos;
        long linesAtLastProgress = 0;
        for (DaqObject object : objects) {
            try (BufferedReader in = reader(object)) {
                long lineNumber = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNumber++;
                    if (lineNumber == 1 && DaqFormat.isHeader(line)) {
                        continue;
                    }
                    while (!pacer.awaitNext(10_000_000L)) {
                        producer.flushIfDue(run);
                        if (stopRequested.getAsBoolean()) {
                            break;
                        }
                    }
                    if (stopRequested.getAsBoolean()) {
                        producer.flush(run);
                        producer.drain();
                        return producer.linesSent();
                    }
                    producer.add(run, object.name(), lineNumber, object.format().toCourseLine(line));
                    pacer.sent();
                    producer.flushIfDue(run);
                    long now = System.nanoTime();
                    if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                        long sent = producer.linesSent();
                        log.info("run {}: {} words sent, {} words/s, at {} line {}", runId, sent,
                                (long) ((sent - linesAtLastProgress) * 1e9 / (now - lastProgress)), object.name(), lineNumber);
                        lastProgress = now;
                        linesAtLastProgress = sent;
                    }
                }
            }
            producer.flush(run);
        }
        producer.drain();
        long sent = producer.linesSent();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        log.info("run {}: done, {} words in {} s ({} words/s)", runId, sent, String.format("%.1f", seconds), (long) (sent / seconds));
        return sent;
    }

    private static BufferedReader reader(DaqObject object) throws IOException {
        return new BufferedReader(new InputStreamReader(object.open(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** ORBIT_CNT of the first hit of the run: the orbit whose start anchors the run to the wall clock. */
    private static long firstHitOrbit(List<DaqObject> objects) throws IOException {
        for (DaqObject object : objects) {
            try (BufferedReader in = reader(object)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    try {
                        DaqWord w = DaqWordParser.parse(object.format().toCourseLine(line));
                        if (w.isHit()) {
                            return w.orbit();
                        }
                    } catch (MalformedWordException e) {
                        // headers and bad lines do not anchor a run
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return 0;
    }
}
