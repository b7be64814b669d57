package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class PackedFrameTest {
    private static final RunInfo RUN = new RunInfo("run-591", 1_700_000_000_000L, 46758);

    /** What a consumer of a frame sees: the hits (packed) and the other lines (bytes), each with its line number. */
    private record Seen(List<Long> hitLines, List<Long> hits, List<Long> otherLines, List<byte[]> others) {
        static Seen of(RawFrame frame) {
            Seen seen = new Seen(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            frame.forEachWord(new RawFrame.WordVisitor() {
                @Override
                public void hit(long packedHit, long lineNumber) {
                    seen.hitLines.add(lineNumber);
                    seen.hits.add(packedHit);
                }

                @Override
                public void line(byte[] buf, int from, int to, long lineNumber) {
                    seen.otherLines.add(lineNumber);
                    seen.others.add(java.util.Arrays.copyOfRange(buf, from, to));
                }
            });
            return seen;
        }
    }

    @Test
    void everyLineOfRun591RoundTripsHitsPackedOtherLinesByteExactWithTheirLineNumbers() throws Exception {
        List<byte[]> lines = new ArrayList<>();
        // The file as the emulator sends it: converted to the course format, header line (line 1) skipped.
        Files.readAllLines(Path.of("../data/run000591/data_000000.txt")).stream().skip(1)
                .map(DaqFormat.FIRMWARE_2020::toCourseLine).forEach(l -> lines.add(ascii(l)));
        // Ancillary words and lines the processor must dead-letter, of every length modulo 8.
        List<byte[]> odd = List.of(ascii("4,1,0,3387315431,0,-0.573730"), ascii("2,0,1,2,3,4\r"), ascii("2,0,01,2,3,4"), ascii(""),
                ascii("1234567"), ascii("12345678"), ascii("123456789"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, '\r', ','},
                ascii("x".repeat(5000)));
        lines.addAll(3, odd);
        RawFrame.Builder builder = new RawFrame.Builder(RawFrame.Encoding.PACKED);
        lines.forEach(l -> builder.add(l, l.length));
        ProducerRecord<byte[], byte[]> record = builder.build(RUN, "run000591/data_000000.txt", 2).toProducerRecord(Topics.RAW_HITS.name(), 1L);

        RawFrame received = RawFrame.fromParts(record.key(), record.value(), record.headers());

        assertThat(header(record.headers(), RawFrame.HEADER_ENCODING)).isEqualTo("packed-v1");
        assertThat(received.encoding()).isEqualTo(RawFrame.Encoding.PACKED);
        List<byte[]> back = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        received.forEachLine((buf, from, to, n) -> {
            back.add(java.util.Arrays.copyOfRange(buf, from, to));
            numbers.add(n);
        });
        assertThat(back).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(back.get(i)).as("line %d", i + 2).isEqualTo(lines.get(i));
            assertThat(numbers.get(i)).isEqualTo(i + 2L);
        }
        Seen seen = Seen.of(received);
        long fileHits = lines.stream().filter(l -> new String(l, StandardCharsets.ISO_8859_1).startsWith("2,")).count();
        assertThat(seen.hits).hasSize((int) fileHits - 2).hasSize(159_616);
        assertThat(seen.others).containsExactlyElementsOf(odd);
        assertThat(seen.otherLines).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(seen.hitLines.get(0)).isEqualTo(2L);
        assertThat(PackedHit.toHit(seen.hits.get(0))).isEqualTo(new Hit(0, 72, 46758, 279, 18));
        // 8 bytes a hit, an escape 8 bytes plus the line padded to 8 bytes
        long escaped = odd.stream().mapToLong(l -> 8 + (l.length + 7) / 8 * 8).sum();
        assertThat(record.value()).hasSize((int) (8 * seen.hits.size() + escaped));
    }

    @Test
    void aTextFrameGivesTheSameWordsAsAPackedFrame() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../data/course-sample/data_000000.txt")).stream().skip(1).toList();
        RawFrame.Builder text = new RawFrame.Builder();
        RawFrame.Builder packed = new RawFrame.Builder(RawFrame.Encoding.PACKED);
        lines.forEach(l -> {
            text.add(l);
            packed.add(l);
        });
        Seen fromText = Seen.of(text.build(RUN, "s", 2));
        Seen fromPacked = Seen.of(packed.build(RUN, "s", 2));
        assertThat(fromPacked.hits).hasSize(38).isEqualTo(fromText.hits);
        assertThat(fromPacked.hitLines).isEqualTo(fromText.hitLines);
        assertThat(fromPacked.otherLines).hasSize(lines.size() - 38).isEqualTo(fromText.otherLines);
        assertThat(fromPacked.others).zipSatisfy(fromText.others, (a, b) -> assertThat(a).isEqualTo(b));
    }

    @Test
    void aPackedValueThatIsNotWellFormedOrAnUnknownEncodingIsNotAFrame() {
        Headers headers = new RawFrame.Builder(RawFrame.Encoding.PACKED).add("2,0,1,2,3,4").build(RUN, "s", 1)
                .toProducerRecord(Topics.RAW_HITS.name(), 1L).headers();
        byte[] key = ascii(RUN.runId());
        assertThatThrownBy(() -> RawFrame.fromParts(key, new byte[12], headers)).isInstanceOf(MalformedWordException.class)
                .hasMessage("packed frame of 12 bytes, not a multiple of 8");
        byte[] escapePastTheEnd = ByteBuffer.allocate(16).putLong(Long.MIN_VALUE | 9).array();
        assertThatThrownBy(() -> RawFrame.fromParts(key, escapePastTheEnd, headers)).hasMessage("packed frame has a bad escape at byte 0");
        byte[] hitPastTheLastOrbit = ByteBuffer.allocate(16).putLong(0).putLong(Long.MAX_VALUE).array();
        assertThatThrownBy(() -> RawFrame.fromParts(key, hitPastTheLastOrbit, headers))
                .hasMessage("packed frame has a hit past the last orbit at byte 8");
        Headers unknown = new RawFrame.Builder().add("2,0,1,2,3,4").build(RUN, "s", 1).toProducerRecord(Topics.RAW_HITS.name(), 1L)
                .headers().add(RawFrame.HEADER_ENCODING, ascii("packed-v9"));
        assertThatThrownBy(() -> RawFrame.fromParts(key, new byte[8], unknown)).hasMessage("unknown frame encoding 'packed-v9'");
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
