package org.minidt.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class JsonTest {
    /** A message type whose Jackson serializer and deserializer count how often they are built. */
    @JsonSerialize(using = ProbeWriter.class)
    @JsonDeserialize(using = ProbeReader.class)
    record Probe(long value) {
    }

    static final class ProbeWriter extends StdSerializer<Probe> {
        static final AtomicInteger BUILT = new AtomicInteger();

        ProbeWriter() {
            super(Probe.class);
            BUILT.incrementAndGet();
        }

        @Override
        public void serialize(Probe probe, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(probe.value());
        }
    }

    static final class ProbeReader extends StdDeserializer<Probe> {
        static final AtomicInteger BUILT = new AtomicInteger();

        ProbeReader() {
            super(Probe.class);
            BUILT.incrementAndGet();
        }

        @Override
        public Probe deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new Probe(p.getLongValue());
        }
    }

    @Test
    void aSerdeBuildsItsTypesSerializerAndDeserializerWhenItIsMadeNotWithTheFirstMessage() {
        assertEquals(0, ProbeWriter.BUILT.get() + ProbeReader.BUILT.get());
        JsonSerde<Probe> serde = new JsonSerde<>(Probe.class);
        assertEquals(1, ProbeWriter.BUILT.get());
        assertEquals(1, ProbeReader.BUILT.get());
        byte[] bytes = serde.serializer().serialize("t", new Probe(591));
        assertEquals(new Probe(591), serde.deserializer().deserialize("t", bytes));
        assertEquals(1, ProbeWriter.BUILT.get());
        assertEquals(1, ProbeReader.BUILT.get());
    }

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
