package org.minidt.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The one JSON mapping of the project: snake_case names, unknown fields ignored (readers of older schemas keep working). */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("minidt").addSerializer(double[].class, new DoubleArrayWriter()))
            .build();

    private Json() {
    }

    /**
     * Builds the (de)serializers of these types now. Jackson builds them on first use, which put 30-40 ms of
     * reflection into the first window a fresh service read or wrote (docs/benchmarks.md, "Sixth session").
     */
    public static void prepare(Class<?>... types) {
        for (Class<?> type : types) {
            MAPPER.readerFor(type);
            MAPPER.writerFor(type);
        }
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fromBytes(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }

    /**
     * double[] as Jackson writes it, with whole numbers written from their long value: the same text as
     * Double.toString ("-100.0", "64.0"), without its general conversion. Window messages carry ~1,100 bin edges each,
     * all whole numbers, and a replay emits thousands of windows a second; they are the edges of a few binnings, so the
     * text of an array seen before is kept (by content, at most {@link #KEPT} arrays) and written as it is.
     */
    static final class DoubleArrayWriter extends StdSerializer<double[]> {
        /** Double.toString writes whole numbers below 10^7 in plain notation. */
        private static final double PLAIN_LIMIT = 1e7;
        /** Arrays whose text is kept: far more than the binnings of any message, and a bound for any other array. */
        static final int KEPT = 64;
        private final Map<Values, String> texts = new ConcurrentHashMap<>();

        DoubleArrayWriter() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            // A pretty printer lays out each value itself: only compact text is kept.
            if (gen.getPrettyPrinter() != null) {
                write(values, gen);
                return;
            }
            String text = texts.get(new Values(values));
            if (text == null) {
                StringWriter out = new StringWriter();
                try (JsonGenerator g = gen.getCodec().getFactory().createGenerator(out)) {
                    write(values, g);
                }
                text = out.toString();
                if (texts.size() < KEPT) {
                    texts.put(new Values(values.clone()), text);
                }
            }
            gen.writeRawValue(text);
        }

        private static void write(double[] values, JsonGenerator gen) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                // -0.0 keeps its sign only through Double.toString
                if (v == (long) v && Math.abs(v) < PLAIN_LIMIT && !(v == 0 && 1 / v < 0)) {
                    gen.writeNumber(Long.toString((long) v) + ".0");
                } else {
                    gen.writeNumber(v);
                }
            }
            gen.writeEndArray();
        }

        /** An array as a key by its content (Arrays.equals: -0.0 differs from 0.0, NaN equals NaN). */
        private record Values(double[] values, int hash) {
            Values(double[] values) {
                this(values, Arrays.hashCode(values));
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Values v && hash == v.hash && Arrays.equals(values, v.values);
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }
    }
}
