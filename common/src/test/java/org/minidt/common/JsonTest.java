package org.minidt.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class JsonTest {
    /** Jackson's own double[] writing, the reference for the project's faster one. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void doubleArraysAreWrittenAsJacksonWritesThemForWholeAndOtherNumbers() throws Exception {
        Random random = new Random(591);
        double[] values = DoubleStream.concat(
                DoubleStream.of(0.0, -0.0, 1.0, -1.0, 63.0, 64.0, -100.0, 700.0, 9_999_999.0, 1e7, -1e7, 1e15, 1e300, 0.5, -0.5, 93.9,
                        101.4, 1e-4, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                DoubleStream.generate(() -> random.nextInt(2_000_001) - 1_000_000.0).limit(2_000)).toArray();
        assertEquals(PLAIN.writeValueAsString(values), Json.toString(values));
    }

    @Test
    void arraysWrittenAgainFromTheKeptTextAreTheSameTextAsJacksonsAlsoWithinAMessageAndPrettyPrinted() throws Exception {
        double[] drift = new Binning(-100, 700, 80).edges();
        double[] cells = Binning.integers(64, 128).edges();
        double[] other = {0.5, -0.0, 0.0, Double.NaN, 93.9};
        for (int pass = 0; pass < 3; pass++) {
            for (double[] values : new double[][] {drift, cells, other, {-0.0}, {0.0}}) {
                assertEquals(PLAIN.writeValueAsString(values), Json.toString(values.clone()));
            }
        }
        Histogram h = Histogram.of(new Binning(-100, 700, 80), new long[80], 3, 4);
        String message = Json.toString(h);
        assertEquals(message, Json.toString(h));
        assertEquals("{\"bin_edges\":" + PLAIN.writeValueAsString(drift) + ",", message.substring(0, message.indexOf("\"bin_counts\"")));
        assertEquals(PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(drift),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(drift));
    }

    @Test
    void histogramBinEdgesReadBackToTheSameValues() throws Exception {
        double[] edges = new Binning(-100, 700, 80).edges();
        Histogram h = Histogram.of(new Binning(-100, 700, 80), new long[80], 3, 4);
        Histogram back = Json.fromBytes(Json.toBytes(h), Histogram.class);
        assertArrayEquals(edges, back.binEdges());
        assertEquals(h, back);
        assertEquals("[-100.0,-90.0,-80.0]", Json.toString(new double[] {-100, -90, -80}));
    }
}
