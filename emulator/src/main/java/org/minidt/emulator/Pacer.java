package org.minidt.emulator;

import java.util.concurrent.locks.LockSupport;
import org.minidt.common.DaqTime;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.MalformedWordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces words according to a {@link Pacing} that can be changed while running (from the control endpoint).
 *
 * <p>Rate mode keeps an absolute schedule (word n is due at start + n / rate), so short stalls are caught up
 * and the long-run rate is exact. Speed mode follows the detector clock: the clock is the latest hit time
 * seen, and a hit is due when the wall time since the anchor reaches its detector time since the anchor
 * divided by the speed. Words without a time (ancillary words, whose counters can be seconds away) and hits
 * behind the clock go at once. A jump of the detector clock by more than {@link #MAX_CLOCK_JUMP_TICKS} either
 * way (counter reset, a new file of another run) re-anchors instead of stalling; with a longest silence set
 * ({@link Pacing#maxSilenceMs()}), a forward gap longer than it is cut to it instead (the schedule drops the
 * excess detector time), counted and logged.
 */
final class Pacer {
    private static final Logger log = LoggerFactory.getLogger(Pacer.class);
    /** Detector time in ticks a word has when it carries none (not a hit). */
    static final long NO_TIME = Long.MIN_VALUE;
    static final long MAX_CLOCK_JUMP_TICKS = 10_000 * DaqTime.TICKS_PER_MS;
    /**
     * A word due within this long goes at once, so the emulator wakes about once a millisecond rather than once a word:
     * 100,000 wake-ups a second at 100,000 hits/s, which took a fifth of a core from the chain it feeds. Nobody downstream
     * can tell: a word waits in its frame up to the frame delay (20 ms) and is read once its transaction commits (100 ms).
     */
    static final long WAKE_UP_NANOS = 1_000_000L;

    private volatile Pacing pacing;
    private Pacing scheduled;
    private long scheduleStartNanos;
    private long wordsSinceStart;
    private long anchorTicks = NO_TIME;
    private long clockTicks;
    /** The hit whose silence before it was last cut (it may be asked about several times before it is due). */
    private long cutBefore = NO_TIME;
    private long silencesCut;

    /** Detector time of a hit line (bytes [0, length)), or NO_TIME when it is not a hit (speed mode paces on hits only). */
    static long hitTicks(byte[] courseLine, int length) {
        try {
            DaqWord w = DaqWordParser.parse(courseLine, 0, length);
            return w.isHit() ? w.toHit().ticks() : NO_TIME;
        } catch (MalformedWordException e) {
            return NO_TIME;
        }
    }

    Pacer(Pacing pacing) {
        this.pacing = pacing;
    }

    void set(Pacing pacing) {
        this.pacing = pacing;
    }

    Pacing pacing() {
        return pacing;
    }

    /** Nanoseconds until the next word, of detector time {@code ticks} (or NO_TIME), is due; 0 if due now. */
    long nanosUntil(long ticks) {
        Pacing p = pacing;
        long now = System.nanoTime();
        if (p != scheduled) {
            scheduled = p;
            scheduleStartNanos = now;
            wordsSinceStart = 0;
            anchorTicks = NO_TIME;
        }
        if (p.isMax()) {
            return 0;
        }
        if (!p.isSpeed()) {
            long due = scheduleStartNanos + (long) (wordsSinceStart * 1e9 / p.wordsPerSecond());
            return Math.max(0, due - now);
        }
        if (ticks == NO_TIME) {
            return 0;
        }
        long maxSilenceTicks = p.maxSilenceMs() * DaqTime.TICKS_PER_MS;
        if (anchorTicks != NO_TIME && maxSilenceTicks > 0 && ticks - clockTicks > maxSilenceTicks && ticks != cutBefore) {
            cutSilence(ticks - clockTicks, maxSilenceTicks);
            cutBefore = ticks;
        }
        if (anchorTicks == NO_TIME || Math.abs(ticks - clockTicks) > MAX_CLOCK_JUMP_TICKS && ticks != cutBefore) {
            anchorTicks = ticks;
            clockTicks = ticks;
            scheduleStartNanos = now;
            return 0;
        }
        if (ticks <= clockTicks) {
            return 0;
        }
        long due = scheduleStartNanos + (long) (DaqTime.ticksToNs(ticks - anchorTicks) / p.speed());
        return Math.max(0, due - now);
    }

    /** Drops the part of a silence beyond the longest one from the schedule: the next hit is due that much sooner. */
    private void cutSilence(long gapTicks, long maxSilenceTicks) {
        anchorTicks += gapTicks - maxSilenceTicks;
        silencesCut++;
        log.info("detector silence of {} s shortened to {} s (silences shortened so far: {})",
                String.format("%.1f", DaqTime.ticksToNs(gapTicks) / 1e9), String.format("%.1f", DaqTime.ticksToNs(maxSilenceTicks) / 1e9), silencesCut);
    }

    /** Detector silences shortened so far. */
    long silencesCut() {
        return silencesCut;
    }

    /**
     * In speed mode, the detector time the paced clock has reached now (words before it are due); otherwise, or
     * before the first hit, NO_TIME.
     */
    long pacedClockTicks() {
        Pacing p = pacing;
        if (p != scheduled || !p.isSpeed() || anchorTicks == NO_TIME) {
            return NO_TIME;
        }
        return anchorTicks + (long) ((System.nanoTime() - scheduleStartNanos) * p.speed() / DaqTime.ticksToNs(1));
    }

    /** Starts the schedule afresh (after a lost broker): the time lost is not caught up in a burst. */
    void reschedule() {
        scheduled = null;
    }

    /** Records that the word of detector time {@code ticks} (or NO_TIME) was sent. */
    void sent(long ticks) {
        wordsSinceStart++;
        if (ticks == cutBefore) {
            // Cut once: the same hit in the next loop pass ends the same silence, to be cut again.
            cutBefore = NO_TIME;
        }
        if (ticks != NO_TIME && ticks > clockTicks) {
            clockTicks = ticks;
        }
    }

    /** Nanoseconds to wait before sending the word of detector time {@code ticks}: none if it is due within {@link #WAKE_UP_NANOS}. */
    long nanosToWait(long ticks) {
        long wait = nanosUntil(ticks);
        return wait <= WAKE_UP_NANOS ? 0 : wait;
    }

    /** Waits until the word is due, at most {@code maxNanos}; returns true if it is due. */
    boolean awaitNext(long ticks, long maxNanos) {
        long wait = nanosToWait(ticks);
        if (wait > maxNanos) {
            LockSupport.parkNanos(maxNanos);
            return false;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return true;
    }
}
