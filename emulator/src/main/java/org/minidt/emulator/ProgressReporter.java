package org.minidt.emulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the achieved rate every second (for GET /status) and logs a progress line every few seconds:
 * words sent, current rate, pacing, object and line, errors.
 */
final class ProgressReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final EmulatorStatus status;
    private final Pacer pacer;
    private final int logEverySeconds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emulator-progress");
        t.setDaemon(true);
        return t;
    });
    private long lastWords;
    private long lastNanos = System.nanoTime();
    private int ticks;
    private volatile double currentRate;

    ProgressReporter(EmulatorStatus status, Pacer pacer, int logEverySeconds) {
        this.status = status;
        this.pacer = pacer;
        this.logEverySeconds = logEverySeconds;
        timer.scheduleAtFixedRate(this::measure, 1, 1, TimeUnit.SECONDS);
    }

    /** Words per second over the last second. */
    double currentRate() {
        return currentRate;
    }

    private void measure() {
        long now = System.nanoTime();
        long words = status.wordsSent();
        currentRate = (words - lastWords) * 1e9 / (now - lastNanos);
        lastWords = words;
        lastNanos = now;
        if (++ticks % logEverySeconds == 0) {
            var s = status.snapshot();
            log.info("run {}: {} words sent, {} words/s (pacing {}), at {} line {}, {} error(s), {} dead letter(s), {} empty object(s){}",
                    s.runId(), s.wordsSent(), (long) currentRate, pacer.pacing(), s.object(), s.line(), s.errors(), s.deadLetters(),
                    s.emptyObjects(), s.waitingFor().isEmpty() ? "" : ", waiting for " + s.waitingFor());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
