package org.minidt.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulator is doing, shared by the sending thread (writer), the progress log and the control
 * endpoint (readers).
 */
final class EmulatorStatus {
    private final AtomicLong wordsSent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong emptyObjects = new AtomicLong();
    private volatile String waitingFor = "";
    private volatile String lastWarning = "";
    private volatile String runId = "";
    private volatile String object = "";
    private volatile long line;
    private volatile String lastError = "";

    /** A consistent enough view for the progress line and GET /status. */
    record Snapshot(String runId, long wordsSent, String object, long line, long errors, String lastError, long deadLetters,
                    long emptyObjects, String lastWarning, long kafkaOutages, String waitingFor) {
    }

    void at(String runId, String object, long line) {
        this.runId = runId;
        this.object = object;
        this.line = line;
    }

    void line(long line) {
        this.line = line;
    }

    /** A transaction with {@code words} words is committed: they are on the topic for good. */
    void committed(long words) {
        wordsSent.addAndGet(words);
        commits.incrementAndGet();
    }

    /** Transactions committed so far. */
    long commits() {
        return commits.get();
    }

    /** Counts a line the emulator dead-lettered itself (too long to send). */
    void deadLetter() {
        deadLetters.incrementAndGet();
    }

    /** Counts an object with nothing to send (empty or header only); {@code what} names it. */
    void emptyObject(String what) {
        emptyObjects.incrementAndGet();
        lastWarning = what;
    }

    /** Counts a lost broker the emulator waited out (or is waiting out). */
    void outage() {
        outages.incrementAndGet();
    }

    /** What the emulator is waiting for ("" when it is not). */
    void waiting(String what) {
        waitingFor = what;
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
        return new Snapshot(runId, wordsSent.get(), object, line, errors.get(), lastError, deadLetters.get(), emptyObjects.get(),
                lastWarning, outages.get(), waitingFor);
    }
}
