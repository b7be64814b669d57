package org.minidt.quality;

/**
 * Every limit the checks use, in one place; docs/quality.md explains each and where it comes from.
 *
 * @param minExpectedCellHits a cell is judged only when the scaled reference expects at least this many hits
 * @param cellSigmas a cell is dead below expected - k*sqrt(expected) (or with 0 hits), noisy above expected + k*sqrt(expected)
 * @param noisyFactor ...and noisy only when also above this multiple of the expectation
 * @param knownDeadFraction a cell below this fraction of its chamber's median cell in the reference is known dead
 * @param knownNoisyFactor a cell above this multiple of its chamber's median cell in the reference is known noisy
 * @param unstableDispersion a cell whose window-to-window variance in the reference is above this multiple of Poisson's
 *                           is known unstable: its bursts are KNOWN, not BAD (it can still be found dead)
 * @param minExpectedChamberHits the chamber rate is judged only when the reference expects at least this many hits
 * @param rateMediumLow the chamber's share of the detector's hits over the reference's share: MEDIUM below
 * @param rateMediumHigh MEDIUM above
 * @param rateBadLow BAD below
 * @param rateBadHigh BAD above
 * @param minShapeEntries shape comparisons need this many entries in the compared histogram
 * @param shapeMediumP shape p-value below this: MEDIUM
 * @param shapeBadP shape p-value below this: BAD
 * @param shapeClusterSize entries come in correlated groups of about this many (a muon fires one cell, and gives one
 *                         drift time, in each of the 4 layers): the chi2 is taken as this times a chi2 of ndf / this
 *                         degrees of freedom (Satterthwaite)
 * @param minFitEntries the time-box fit needs this many drift times
 * @param edgeShiftMediumNs t0 or tmax moved from the reference's by more than this and {@code edgeShiftMediumSigmas}: MEDIUM
 * @param edgeShiftBadNs more than this and {@code edgeShiftBadSigmas}: BAD
 * @param edgeShiftMediumSigmas the shift's significance (shift over its combined error) needed for MEDIUM
 * @param edgeShiftBadSigmas the significance needed for BAD
 * @param syncChannels an orbit with at least this many active channels in one chamber is synchronous noise
 * @param minSyncOrbits the synchronous-noise fraction is judged over at least this many orbits
 * @param syncMinNoisyOrbits ...and needs at least this many noisy orbits to be flagged at all
 * @param syncMediumFraction fraction of noisy orbits above which it is MEDIUM
 * @param syncBadFraction fraction above which it is BAD
 */
public record Thresholds(
        double minExpectedCellHits,
        double cellSigmas,
        double noisyFactor,
        double knownDeadFraction,
        double knownNoisyFactor,
        double unstableDispersion,
        double minExpectedChamberHits,
        double rateMediumLow,
        double rateMediumHigh,
        double rateBadLow,
        double rateBadHigh,
        long minShapeEntries,
        double shapeMediumP,
        double shapeBadP,
        double shapeClusterSize,
        long minFitEntries,
        double edgeShiftMediumNs,
        double edgeShiftBadNs,
        double edgeShiftMediumSigmas,
        double edgeShiftBadSigmas,
        int syncChannels,
        long minSyncOrbits,
        long syncMinNoisyOrbits,
        double syncMediumFraction,
        double syncBadFraction) {

    public static final Thresholds DEFAULTS = new Thresholds(
            15, 5, 3, 0.1, 5, 5,
            200, 0.7, 1.4, 0.5, 2.0,
            500, 1e-5, 1e-8, 4,
            500, 5, 10, 4, 5,
            16, 300, 3, 0.001, 0.01);
}
