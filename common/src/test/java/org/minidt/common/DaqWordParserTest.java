package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaqWordParserTest {

    @Test
    void parsesAHitWithEveryField() throws Exception {
        DaqWord w = DaqWordParser.parse("2,1,128,3387200947,2922,29");
        assertThat(w).isEqualTo(new DaqWord(2, 1, 128, 3387200947L, 2922, 29));
        assertThat(w.isHit()).isTrue();
        assertThat(w.toHit().isScintillator()).isTrue();
        assertThat(w.toHit().chamber()).isEqualTo(-1);
    }

    @Test
    void parsesAncillaryWordsWithFloatMeasurementsAndLargeBx() throws Exception {
        assertThat(DaqWordParser.parse("4,1,0,3387315431,0,-0.573730").tdcMeas()).isEqualTo(-0.57373);
        assertThat(DaqWordParser.parse("3,0,0,3387339394,4353,0").bx()).isEqualTo(4353);
        assertThat(DaqWordParser.parse("5,0,0,3387339329,0,-41.531250").isHit()).isFalse();
    }

    @Test
    void acceptsAWindowsLineEnding() throws Exception {
        byte[] line = "2,0,75,3387200947,2922,2\r".getBytes(StandardCharsets.US_ASCII);
        assertThat(DaqWordParser.parse(line, 0, line.length).tdcMeas()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty line",
        "2,0,75,3387200947,2922|expected 6 comma-separated fields, found 5",
        "2,0,75,3387200947,2922,2,7|expected 6 comma-separated fields, found more",
        "HEAD,FPGA,TDC_CHANNEL,ORBIT_CNT,BX_COUNTER,TDC_MEAS|HEAD is not a non-negative integer: 'HEAD'",
        "7,0,75,3387200947,2922,2|unknown HEAD 7 (valid: 0..5)",
        "2,2,75,3387200947,2922,2|FPGA 2 out of range 0..1",
        "2,0,75,3387200947,3564,2|BX_COUNTER 3564 out of range 0..3563",
        "2,0,75,3387200947,2922,30|TDC_MEAS 30 out of range 0..29",
        "2,0,75,3387200947,2922,2.5|TDC_MEAS is not a non-negative integer: '2.5'",
        "2,0,256,3387200947,2922,2|TDC_CHANNEL 256 out of range 0..255",
        "2,0,75,4294967296,2922,2|ORBIT_CNT 4294967296 out of range 0..4294967295",
        "2,0,-5,3387200947,2922,2|TDC_CHANNEL is not a non-negative integer: '-5'",
        "2,0,,3387200947,2922,2|TDC_CHANNEL is empty",
        "4,1,0,3387315431,0,abc|TDC_MEAS is not a number: 'abc'",
    })
    void refusesMalformedLinesWithAReason(String line, String reason) {
        assertThatThrownBy(() -> DaqWordParser.parse(line)).isInstanceOf(MalformedWordException.class).hasMessage(reason);
    }

    @Test
    void refusesBinaryGarbageAndAbsurdlyLongLines() {
        byte[] garbage = {0x00, (byte) 0xFF, ',', 0x13, 0x7F};
        assertThatThrownBy(() -> DaqWordParser.parse(garbage, 0, garbage.length)).isInstanceOf(MalformedWordException.class)
                .hasMessage("HEAD is not a non-negative integer: '??'");
        assertThatThrownBy(() -> DaqWordParser.parse("2,0,1,1,1,1" + "0".repeat(200)))
                .hasMessage("line of 211 bytes, longer than 128");
    }

    @Test
    void everyLineOfTheCourseSampleParsesAndHas38Hits() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../data/course-sample/data_000000.txt"));
        long hits = 0;
        for (String line : lines) {
            hits += DaqWordParser.parse(line).isHit() ? 1 : 0;
        }
        assertThat(lines).hasSize(74);
        assertThat(hits).isEqualTo(38);
    }
    /**
     * The one-pass parser takes the real runs' hits, and where it gives a hit the checked parser gives the same one and
     * the packed hit renders back to the line's exact bytes; a hit written otherwise (CR, leading zeros) is left to the
     * checked parser.
     */
    @Test
    void theOnePassHitParserAgreesWithTheCheckedParserOnEveryLineItAcceptsAndGivesBackItsBytes() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        Files.readAllLines(Path.of("../data/run000591/data_000000.txt")).stream().filter(l -> !DaqFormat.isHeader(l))
                .map(DaqFormat.FIRMWARE_2020::toCourseLine).forEach(lines::add);
        Files.readAllLines(Path.of("../data/course-sample/data_000000.txt")).stream().filter(l -> !DaqFormat.isHeader(l)).forEach(lines::add);
        long realHits = lines.stream().filter(l -> l.startsWith("2,")).count();
        int real = lines.size();
        List<String> edgeCases = List.of("2,0,0,0,0,0", "2,1,255,4294967295,3563,29", "2,1,256,1,2,3", "2,0,1,2,3,30", "2,0,1,2,3564,0",
                "2,0,1,4294967296,3,4", "2,2,1,2,3,4", "1,0,1,2,3,4", "5,0,1,2,3,4.5", "2,0,1,2,3,4.5", "2,0,1,2,3,4\r", "2,0,1,2,3",
                "2,0,1,2,3,4,5", ",0,1,2,3,4", "2,,1,2,3,4", "2,0,1,2,3,", "0000000000002,0,1,2,3,4", "000000000002,0,1,2,3,4",
                "2,0,01,2,3,4", "2,0,1,2,3,04", "2,0,1,2,3, 4", "2,0,1,2,3,-4", "", "\r", "2,0,1,2,3,4" + ",".repeat(200));
        lines.addAll(edgeCases);
        long acceptedReal = 0;
        List<String> acceptedEdgeCases = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] b = lines.get(i).getBytes(StandardCharsets.ISO_8859_1);
            long fast = DaqWordParser.wellFormedHit(b, 0, b.length);
            if (fast != PackedHit.NONE) {
                acceptedReal += i < real ? 1 : 0;
                if (i >= real) {
                    acceptedEdgeCases.add(lines.get(i));
                }
                assertThat(PackedHit.toHit(fast)).as(lines.get(i)).isEqualTo(DaqWordParser.parseChecked(b, 0, b.length).toHit());
                assertThat(PackedHit.toLine(fast)).isEqualTo(lines.get(i));
            }
        }
        assertThat(acceptedReal).as("real hits the one-pass parser took").isEqualTo(realHits).isPositive();
        assertThat(acceptedEdgeCases).containsExactly("2,0,0,0,0,0", "2,1,255,4294967295,3563,29");
    }
}
