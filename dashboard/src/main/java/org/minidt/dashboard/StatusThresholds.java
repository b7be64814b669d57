package org.minidt.dashboard;

/**
 * When a chamber tile says what. The reference level is the median entries per cell over all 256 cells of
 * the four chambers, so that a chamber that is dead as a whole still stands out against the others.
 *
 * @param minMedianEntries below this median (entries per cell) nothing is judged: "too few entries"
 * @param deadFraction a cell with fewer than {@code deadFraction * median} entries is dead
 * @param noisyFactor a cell with more than {@code noisyFactor * median} entries is noisy
 */
public record StatusThresholds(double minMedianEntries, double deadFraction, double noisyFactor) {
    public static final StatusThresholds DEFAULTS = new StatusThresholds(20, 0.1, 5);

    public StatusThresholds {
        if (!(minMedianEntries >= 1)) {
            throw new IllegalArgumentException("the minimum median entries per cell must be at least 1, got " + minMedianEntries);
        }
        if (!(deadFraction > 0 && deadFraction < 1)) {
            throw new IllegalArgumentException("the dead-cell fraction must lie between 0 and 1 (exclusive), got " + deadFraction);
        }
        if (!(noisyFactor > 1)) {
            throw new IllegalArgumentException("the noisy-cell factor must be above 1, got " + noisyFactor);
        }
    }
}
