package org.minidt.emulator;

import org.minidt.common.UserError;

/**
 * How fast to send: a fixed number of words per second, a factor of the detector's own clock (1.0 replays
 * the recorded timing), or as fast as possible.
 *
 * @param wordsPerSecond target rate in rate mode, else 0
 * @param speed factor of the detector clock in speed mode, else 0
 * @param maxSilenceMs in speed mode, a silence of the detector (no hits) longer than this much detector time is
 *                     shortened to it, so a replay of a run with long pauses keeps showing data; 0: never shortened
 */
public record Pacing(double wordsPerSecond, double speed, long maxSilenceMs) {
    public static final int DEFAULT_WORDS_PER_SECOND = 1000;

    public Pacing {
        if (wordsPerSecond < 0 || speed < 0 || (wordsPerSecond > 0 && speed > 0)
                || !Double.isFinite(wordsPerSecond) || !Double.isFinite(speed)) {
            throw new UserError("give one positive rate (words/s) or speed factor, not " + wordsPerSecond + " words/s and speed " + speed);
        }
        if (maxSilenceMs < 0) {
            throw new UserError("the longest silence must be 0 (keep every silence) or a positive number of ms, not " + maxSilenceMs);
        }
    }

    public static Pacing rate(double wordsPerSecond) {
        if (!(wordsPerSecond > 0)) {
            throw new UserError("rate must be a positive number of words/s, not " + wordsPerSecond + " (use --max for as fast as possible)");
        }
        return new Pacing(wordsPerSecond, 0, 0);
    }

    public static Pacing speed(double factor) {
        if (!(factor > 0)) {
            throw new UserError("speed must be a positive factor of the detector clock, not " + factor);
        }
        return new Pacing(0, factor, 0);
    }

    /** Speed mode with detector silences longer than {@code maxSilenceMs} of detector time shortened to it. */
    public static Pacing speed(double factor, long maxSilenceMs) {
        return new Pacing(0, speed(factor).speed, maxSilenceMs);
    }

    public static Pacing max() {
        return new Pacing(0, 0, 0);
    }

    boolean isMax() {
        return wordsPerSecond == 0 && speed == 0;
    }

    boolean isSpeed() {
        return speed > 0;
    }

    String mode() {
        return isMax() ? "max" : isSpeed() ? "speed" : "rate";
    }

    @Override
    public String toString() {
        return isMax() ? "max" : isSpeed() ? "speed x" + speed + (maxSilenceMs > 0 ? ", silences cut to " + maxSilenceMs + " ms" : "")
                : (long) wordsPerSecond + " words/s";
    }
}
