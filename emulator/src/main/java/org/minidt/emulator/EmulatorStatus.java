package org.minidt.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator is doing, shared by the sending thread (writer), the progress log and the control
 * endpoint (readers).
 */
final class EmulatorStatus {
    private final AtomicLong wordsSent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String runId = "";
    private volatile String object = "";
    private volatile long line;
    private volatile String lastError = "";

    /** A consistent enough view for the progress line and GET /status. */
    record Snapshot(String runId, long wordsSent, String object, long line, long errors, String lastError) {
    }

    void at(String runId, String object, long line) {
        this.runId = runId;
        this.object = object;
        this.line = line;
    }

    void line(long line) {
        this.line = line;
    }

    void sent(long words) {
        wordsSent.addAndGet(words);
    }

    /** Counts an error the emulator met and carried on after (unreadable object, broken URL). */
    void error(String message) {
        errors.incrementAndGet();
        lastError = message;
    }

    long wordsSent() {
        return wordsSent.get();
    }

    long errors() {
        return errors.get();
    }

    Snapshot snapshot() {
        return new Snapshot(runId, wordsSent.get(), object, line, errors.get(), lastError);
    }
}
