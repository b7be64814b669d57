package org.minidt.processor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The processor's kernel, written plainly and apart from production code: one thread, one pass over course-format
 * lines in memory, each line parsed field by field and counted in a per-chamber occupancy histogram. No Kafka, no
 * windows, no state, no checks beyond the field count. It is the speed this machine allows for the work that cannot be
 * avoided; {@link ProcessorBenchmark} measures it in the same run as the processor and reports the ratio.
 */
final class ParseKernel {
    private final byte[] text;
    private final long lines;

    ParseKernel(List<String> courseLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(courseLines.size() * 24);
        for (String line : courseLines) {
            out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
        this.text = out.toByteArray();
        this.lines = courseLines.size();
    }

    /** Words per second of the best of {@code passes} timed passes over the lines, {@code repeat} times each, after warm-up. */
    double wordsPerSecond(int passes, int repeat) {
        for (int i = 0; i < 5; i++) {
            count();
        }
        double best = 0;
        for (int p = 0; p < passes; p++) {
            long started = System.nanoTime();
            long hits = 0;
            for (int r = 0; r < repeat; r++) {
                hits += count();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (hits == 0) {
                throw new IllegalStateException("the kernel counted no hit");
            }
            best = Math.max(best, lines * repeat / seconds);
        }
        return best;
    }

    /** Parses every line and fills the occupancy of each chamber; returns the chamber hits counted in it. */
    long count() {
        long[][] occupancy = new long[4][64];
        long[] field = new long[6];
        int f = 0;
        long value = 0;
        for (byte b : text) {
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
            } else if (b == ',') {
                field[f++] = value;
                value = 0;
            } else if (b == '\n') {
                field[f] = value;
                if (f == 5 && field[0] == 2 && field[2] < 128) {
                    int chamber = (int) (field[1] * 2 + field[2] / 64);
                    occupancy[chamber][(int) (field[2] % 64)]++;
                }
                f = 0;
                value = 0;
            }
        }
        return Arrays.stream(occupancy).flatMapToLong(Arrays::stream).sum();
    }
}
