package org.minidt.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.minidt.common.Binning;
import org.minidt.common.Histogram;

/** The erf fit finds the edges of a known box: drift times uniform over [t0, t0 + width], smeared, with a flat background. */
class TimeBoxFitTest {
    static final Binning DRIFT = new Binning(-100, 700, 80);
    static final double WIDTH = 21.0 / 0.0538;

    static Histogram box(long seed, int entries, double t0, double width, double smearNs, int background) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] counts = new long[DRIFT.bins()];
        for (int i = 0; i < entries + background; i++) {
            double t = i < entries ? t0 + random.nextDouble() * width + smearNs * gaussian(random)
                    : DRIFT.lo() + random.nextDouble() * (DRIFT.hi() - DRIFT.lo());
            int bin = DRIFT.indexOf(t);
            if (bin >= 0) {
                counts[bin]++;
            }
        }
        return Histogram.of(DRIFT, counts, 0, 0);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void recoversAnEdgeLyingOnABinEdge() throws Exception {
        TimeBoxFit.Result fit = TimeBoxFit.fit(box(1, 5000, 0, WIDTH, 0.5, 0));
        assertThat(fit.t0()).isCloseTo(0, within(2.0));
        assertThat(fit.width()).isCloseTo(WIDTH, within(5.0));
        assertThat(fit.driftVelocityUmPerNs()).isCloseTo(53.8, within(0.7));
    }

    @Test
    void recoversSmearedEdgesInsideBinsOverABackground() throws Exception {
        TimeBoxFit.Result fit = TimeBoxFit.fit(box(2, 5000, 23.7, WIDTH, 4, 400));
        assertThat(fit.t0()).isCloseTo(23.7, within(2.0));
        assertThat(fit.tmax()).isCloseTo(23.7 + WIDTH, within(5.0));
        assertThat(fit.t0Error()).isBetween(0.1, 2.0);
        assertThat(fit.riseSigma()).isCloseTo(4, within(2.5));
    }

    @Test
    void aShiftOfTwentyNanosecondsIsMeasuredAsTwenty() throws Exception {
        TimeBoxFit.Result before = TimeBoxFit.fit(box(3, 2000, 0, WIDTH, 1, 100));
        TimeBoxFit.Result after = TimeBoxFit.fit(box(4, 2000, 20, WIDTH, 1, 100));
        assertThat(after.t0() - before.t0()).isCloseTo(20, within(2.0));
    }

    @Test
    void anEmptyOrFlatHistogramHasNoTimeBox() {
        long[] flat = new long[DRIFT.bins()];
        java.util.Arrays.fill(flat, 30);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeBoxFit.fit(Histogram.of(DRIFT, new long[DRIFT.bins()], 0, 0)))
                .isInstanceOf(TimeBoxFit.NoFit.class).hasMessageContaining("no plateau");
    }
}
