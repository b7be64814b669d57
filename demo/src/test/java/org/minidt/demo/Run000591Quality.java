package org.minidt.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.minidt.common.DaqFormat;
import org.minidt.common.WindowSummary;

/** Run000591 (the bundled real run) as the processor's windows, each closed, with the default 1 s windows. */
final class Run000591Quality {
    static final Path FILE = Path.of("../data/run000591/data_000000.txt");
    static final String RUN = "run000591";

    private Run000591Quality() {
    }

    static List<WindowSummary> windows(DriverChain chain) {
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE).stream().filter(l -> !DaqFormat.isHeader(l)).map(DaqFormat.FIRMWARE_2020::toCourseLine).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long firstOrbit = orbitOf(lines.get(0));
        long lastOrbit = lines.stream().mapToLong(Run000591Quality::orbitOf).max().orElseThrow();
        return chain.windows(RUN, firstOrbit, lastOrbit, lines);
    }

    private static long orbitOf(String courseLine) {
        return Long.parseLong(courseLine.split(",")[3]);
    }
}
