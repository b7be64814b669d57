package org.minidt.quality;

import static org.minidt.quality.Judgement.num;

import java.util.Map;
import org.minidt.common.Histogram;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict.Scope;

/**
 * Synchronous noise (CMS DTNoiseAnalysisTest; docs/quality.md, "Sources"): the fraction of a chamber's orbits in which many channels
 * fire at once, from the window's active-channels-per-orbit histogram. A muon fires about 4 cells of a chamber.
 */
final class SyncNoiseCheck {
    static final String NAME = "synchronous-noise";

    private SyncNoiseCheck() {
    }

    static Judgement judge(int chamber, Histogram activeChannelsPerOrbit, Thresholds t) {
        Scope scope = Scope.chamber(chamber);
        double[] edges = activeChannelsPerOrbit.binEdges();
        long[] counts = activeChannelsPerOrbit.binCounts();
        long orbits = activeChannelsPerOrbit.inRange() + activeChannelsPerOrbit.overflow() + activeChannelsPerOrbit.underflow();
        long noisy = activeChannelsPerOrbit.overflow();
        for (int i = 0; i < counts.length; i++) {
            if (edges[i] >= t.syncChannels()) {
                noisy += counts[i];
            }
        }
        if (orbits < t.minSyncOrbits()) {
            return new Judgement(scope, NAME, Quality.NULL, "chamber " + chamber + ": " + orbits + " orbits with hits, needs "
                    + t.minSyncOrbits() + " to judge synchronous noise", null, Map.of(), Map.of());
        }
        double fraction = (double) noisy / orbits;
        boolean enough = noisy >= t.syncMinNoisyOrbits();
        Quality q = enough && fraction > t.syncBadFraction() ? Quality.BAD
                : enough && fraction > t.syncMediumFraction() ? Quality.MEDIUM : Quality.GOOD;
        String reason = "chamber " + chamber + ": " + noisy + " of " + orbits + " orbits (" + num(100 * fraction, 2) + " %) with "
                + t.syncChannels() + " or more channels at once" + (q == Quality.GOOD ? "" : ": synchronous noise");
        return new Judgement(scope, NAME, q, reason, fraction, Map.of("medium_above", t.syncMediumFraction(), "bad_above",
                t.syncBadFraction()), Map.of("noisy_orbits", (double) noisy, "orbits", (double) orbits));
    }
}
