package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaqFormatTest {

    @Test
    void firmware2020HitsBecomeCourseHits() {
        assertThat(DaqFormat.FIRMWARE_2020.toCourseLine("1,0,72,46758,279,18")).isEqualTo("2,0,72,46758,279,18");
    }

    @Test
    void courseLinesAndUnknownLinesPassUnchanged() {
        assertThat(DaqFormat.COURSE.toCourseLine("1,0,72,46758,279,18")).isEqualTo("1,0,72,46758,279,18");
        assertThat(DaqFormat.FIRMWARE_2020.toCourseLine("garbage")).isEqualTo("garbage");
        assertThat(DaqFormat.FIRMWARE_2020.toCourseLine("10,0,72,46758,279,18")).isEqualTo("10,0,72,46758,279,18");
    }

    @Test
    void everyRowOfRun000591IsAHitOnceConverted() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../data/run000591/data_000000.txt"));
        assertThat(DaqFormat.isHeader(lines.get(0))).isTrue();
        long hits = 0;
        for (String line : lines.subList(1, lines.size())) {
            hits += DaqWordParser.parse(DaqFormat.FIRMWARE_2020.toCourseLine(line)).isHit() ? 1 : 0;
        }
        assertThat(hits).isEqualTo(159_616);
    }

    @Test
    void namesFormatsOnTheCommandLine() {
        assertThat(DaqFormat.fromId("firmware-2020")).isEqualTo(DaqFormat.FIRMWARE_2020);
        assertThatThrownBy(() -> DaqFormat.fromId("csv")).hasMessageContaining("use 'course' or 'firmware-2020'");
    }
}
