package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinningTest {

    @Test
    void integerBinsCoverOneValueEach() {
        Binning channels = Binning.integers(64, 128);
        assertThat(channels.bins()).isEqualTo(64);
        assertThat(channels.indexOf(64)).isEqualTo(0);
        assertThat(channels.indexOf(127)).isEqualTo(63);
        assertThat(channels.indexOf(63)).isEqualTo(Binning.UNDERFLOW);
        assertThat(channels.indexOf(128)).isEqualTo(Binning.OVERFLOW);
    }

    @Test
    void valuesOnAnEdgeFallInTheBinThatStartsThere() {
        Binning drift = new Binning(-100, 500, 60);
        assertThat(drift.indexOf(-100)).isEqualTo(0);
        assertThat(drift.indexOf(-90)).isEqualTo(1);
        assertThat(drift.indexOf(-90.000001)).isEqualTo(0);
        assertThat(drift.indexOf(499.999)).isEqualTo(59);
        assertThat(drift.indexOf(Double.NaN)).isEqualTo(Binning.OVERFLOW);
    }

    @Test
    void indexAgreesWithThePublishedEdgesForAwkwardWidths() {
        Binning b = new Binning(0.1, 0.7, 3);
        double[] edges = b.edges();
        for (int i = 0; i < b.bins(); i++) {
            assertThat(b.indexOf(edges[i])).isEqualTo(i);
            assertThat(b.indexOf(Math.nextDown(edges[i + 1]))).isEqualTo(i);
        }
    }
}
