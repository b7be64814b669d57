package org.minidt.emulator;

import org.minidt.common.UserError;

/**
 * What the synthetic source generates.
 *
 * @param seed the same seed gives the same words
 * @param muonRateHz muon triggers per second of detector time
 * @param noiseRateHz random single hits per second of detector time, spread over the four chambers
 * @param words words to generate; 0 for an endless stream
 */
public record SyntheticConfig(long seed, double muonRateHz, double noiseRateHz, long words) {
    public static final double DEFAULT_MUON_RATE_HZ = 5;
    public static final double DEFAULT_NOISE_RATE_HZ = 400;

    public SyntheticConfig {
        if (!(muonRateHz >= 0 && noiseRateHz >= 0 && muonRateHz + noiseRateHz > 0) || words < 0) {
            throw new UserError("synthetic source needs muon and noise rates >= 0, not both 0, and words >= 0; got "
                    + muonRateHz + " Hz, " + noiseRateHz + " Hz, " + words + " words");
        }
    }
}
