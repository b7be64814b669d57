package org.minidt.emulator;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces words to a target rate in words per second. It keeps an absolute schedule (word n is due at
 * start + n / rate), so short stalls are caught up and the long-run rate is exact. Rate 0 means as fast
 * as possible. The rate can be changed while running.
 */
final class Pacer {
    private volatile double rate;
    private long scheduleStartNanos;
    private long wordsSinceStart;
    private double scheduledRate;

    Pacer(double wordsPerSecond) {
        this.rate = wordsPerSecond;
        restart(System.nanoTime());
    }

    void setRate(double wordsPerSecond) {
        this.rate = wordsPerSecond;
    }

    double rate() {
        return rate;
    }

    /**
     * Nanoseconds to wait before the next word is due (0 if due now). Call {@link #sent()} after sending it.
     */
    long nanosUntilNext() {
        double r = rate;
        long now = System.nanoTime();
        if (r != scheduledRate) {
            restart(now);
        }
        if (r <= 0) {
            return 0;
        }
        long due = scheduleStartNanos + (long) (wordsSinceStart * 1e9 / r);
        return Math.max(0, due - now);
    }

    void sent() {
        wordsSinceStart++;
    }

    /** Waits until the next word is due, at most {@code maxNanos}; returns true if it is due. */
    boolean awaitNext(long maxNanos) {
        long wait = nanosUntilNext();
        if (wait > maxNanos) {
            LockSupport.parkNanos(maxNanos);
            return false;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return true;
    }

    private void restart(long now) {
        scheduleStartNanos = now;
        wordsSinceStart = 0;
        scheduledRate = rate;
    }
}
