package org.minidt.emulator;

import java.util.List;
import org.minidt.common.UserError;

/**
 * What the synthetic source generates.
 *
 * @param seed the same seed gives the same words
 * @param muonRateHz muon triggers per second of detector time
 * @param noiseRateHz random single hits per second of detector time, spread over the four chambers
 * @param words words to generate; 0 for an endless stream
 * @param faults detector faults injected at known times, for tests of the quality judgement
 */
public record SyntheticConfig(long seed, double muonRateHz, double noiseRateHz, long words, List<Fault> faults) {
    public static final double DEFAULT_MUON_RATE_HZ = 5;
    public static final double DEFAULT_NOISE_RATE_HZ = 400;

    public SyntheticConfig {
        if (!(muonRateHz >= 0 && noiseRateHz >= 0 && muonRateHz + noiseRateHz > 0) || words < 0) {
            throw new UserError("synthetic source needs muon and noise rates >= 0, not both 0, and words >= 0; got "
                    + muonRateHz + " Hz, " + noiseRateHz + " Hz, " + words + " words");
        }
        faults = List.copyOf(faults);
    }

    /** A healthy detector. */
    public SyntheticConfig(long seed, double muonRateHz, double noiseRateHz, long words) {
        this(seed, muonRateHz, noiseRateHz, words, List.of());
    }

    public SyntheticConfig withFaults(Fault... faults) {
        return new SyntheticConfig(seed, muonRateHz, noiseRateHz, words, List.of(faults));
    }

    /** A fault of the detector, from a time given in seconds of detector time since the stream's start. */
    public sealed interface Fault permits SilentCell, HotCell, TimeShift, SynchronousBurst {
    }

    /** TDC channel {@code channel} of chamber {@code chamber} gives no hit from {@code fromS} on (a dead cell). */
    public record SilentCell(int chamber, int channel, double fromS) implements Fault {
    }

    /** The cell gives {@code extraHz} random hits more from {@code fromS} on (a noisy cell). */
    public record HotCell(int chamber, int channel, double extraHz, double fromS) implements Fault {
    }

    /** The chamber's hits come {@code shiftNs} later from {@code fromS} on (a timing fault: the time box moves). */
    public record TimeShift(int chamber, double shiftNs, double fromS) implements Fault {
    }

    /** At {@code atS}, {@code orbits} consecutive orbits each fire {@code channels} distinct channels of the chamber at once. */
    public record SynchronousBurst(int chamber, double atS, int orbits, int channels) implements Fault {
    }
}
