package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Th1JsonTest {

    @Test
    void fArrayHoldsUnderflowThenEveryBinThenOverflow() {
        Histogram h = Histogram.of(new Binning(-100, 500, 6), new long[] {0, 4, 9, 7, 1, 0}, 3, 2);
        JsonNode th1 = Th1Json.of("drift", "Chamber 0 drift time", "t - t0 [ns]", h);

        assertThat(th1.get("_typename").asText()).isEqualTo("TH1D");
        assertThat(th1.get("fName").asText()).isEqualTo("drift");
        assertThat(th1.get("fNcells").asInt()).isEqualTo(8);
        List<Long> array = new ArrayList<>();
        th1.get("fArray").forEach(n -> array.add(n.asLong()));
        assertThat(array).containsExactly(3L, 0L, 4L, 9L, 7L, 1L, 0L, 2L);
        JsonNode x = th1.get("fXaxis");
        assertThat(x.get("fNbins").asInt()).isEqualTo(6);
        assertThat(x.get("fXmin").asDouble()).isEqualTo(-100);
        assertThat(x.get("fXmax").asDouble()).isEqualTo(500);
        assertThat(x.get("fXbins").size()).isZero();
        assertThat(x.get("fTitle").asText()).isEqualTo("t - t0 [ns]");
    }

    @Test
    void entriesCountOverflowsAndSumsUseBinCentres() {
        // Bins [0,10) [10,20): centres 5 and 15.
        Histogram h = Histogram.of(new Binning(0, 20, 2), new long[] {2, 3}, 1, 4);
        JsonNode th1 = Th1Json.of("h", "t", "x", h);
        assertThat(th1.get("fEntries").asDouble()).isEqualTo(10);
        assertThat(th1.get("fTsumw").asDouble()).isEqualTo(5);
        assertThat(th1.get("fTsumwx").asDouble()).isEqualTo(2 * 5 + 3 * 15);
        assertThat(th1.get("fTsumwx2").asDouble()).isEqualTo(2 * 25 + 3 * 225);
    }

    @Test
    void unequalEdgesAreWrittenAsVariableBins() {
        Histogram h = new Histogram(new double[] {0, 1, 3, 7}, new long[] {1, 1, 1}, 0, 0);
        JsonNode x = Th1Json.of("v", "t", "x", h).get("fXaxis");
        List<Double> bins = new ArrayList<>();
        x.get("fXbins").forEach(n -> bins.add(n.asDouble()));
        assertThat(bins).containsExactly(0.0, 1.0, 3.0, 7.0);
        assertThat(x.get("fNbins").asInt()).isEqualTo(3);
    }
}
