package org.minidt.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.minidt.common.DaqFormat;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;

/** The bundled real data files, as the emulator would send them: course-format lines in frames. */
final class DaqFiles {
    static final Path RUN_591 = repoFile("data/run000591/data_000000.txt");
    static final Path COURSE_SAMPLE = repoFile("data/course-sample/data_000000.txt");

    private DaqFiles() {
    }

    /** The file's rows as they are (header line dropped). */
    static List<String> rows(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !DaqFormat.isHeader(l)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows in the course stream format the processor reads. */
    static List<String> courseLines(Path file, DaqFormat format) {
        return rows(file).stream().map(format::toCourseLine).toList();
    }

    /** The run as the emulator starts it: anchored at the orbit of the first hit. */
    static RunInfo run(String runId, List<String> courseLines, long startEpochMs) {
        String firstHit = courseLines.stream().filter(l -> l.startsWith("2,")).findFirst().orElseThrow();
        return new RunInfo(runId, startEpochMs, Long.parseLong(firstHit.split(",")[3]));
    }

    /** The lines cut into text frames of {@code linesPerFrame}, numbered from line 1 of {@code source}. */
    static List<RawFrame> frames(RunInfo run, String source, List<String> lines, int linesPerFrame) {
        return frames(run, source, lines, linesPerFrame, RawFrame.Encoding.TEXT);
    }

    /** The lines cut into frames of {@code linesPerFrame} in {@code encoding}, numbered from line 1 of {@code source}. */
    static List<RawFrame> frames(RunInfo run, String source, List<String> lines, int linesPerFrame, RawFrame.Encoding encoding) {
        List<RawFrame> frames = new ArrayList<>();
        RawFrame.Builder builder = new RawFrame.Builder(encoding);
        long first = 1;
        for (int i = 0; i < lines.size(); i++) {
            builder.add(lines.get(i));
            if (builder.lineCount() == linesPerFrame || i == lines.size() - 1) {
                frames.add(builder.build(run, source, first));
                first = i + 2;
            }
        }
        return frames;
    }

    static Path repoFile(String relative) {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.isDirectory(here.resolve("data"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("repository data/ directory not found above " + Path.of("").toAbsolutePath());
        }
        return here.resolve(relative);
    }
}
