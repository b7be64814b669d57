package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.Cli;
import org.minidt.common.DeadLetter;
import org.minidt.common.SourceMarker;
import org.minidt.embedded.EmbeddedKafka;

/** Lines are read and sent as bytes; a line too long to send is dead-lettered by the emulator and the replay goes on. */
class BytesAndLongLinesTest {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private static int emulator(Path file, String runId) {
        return Cli.run(new EmulatorMain(), "--bootstrap-servers", kafka.bootstrapServers(), "--file", file.toString(), "--max",
                "--run-id", runId, "--emulator-id", runId, "--control-port", "-1");
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] hitLine(int i) {
        return ("2,0," + (i % 64) + ",3387200947," + (100 + i) + "," + (i % 30)).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aTenMegabyteLineBetweenGoodLinesIsDeadLetteredWithItsFirstBytesAndEveryGoodLineIsSent(@TempDir Path dir) throws Exception {
        // Its first bytes are not UTF-8 and hold CRs: the dead letter must keep them exactly.
        byte[] longLine = new byte[10 * 1024 * 1024];
        Arrays.fill(longLine, (byte) '7');
        byte[] start = {(byte) 0xFF, (byte) 0xFE, '2', ',', '\r', (byte) 0xC3, (byte) 0x28, '\r'};
        System.arraycopy(start, 0, longLine, 0, start.length);
        Path file = dir.resolve("corrupt-stretch.txt");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 100; i++) {
                out.write(hitLine(i));
                out.write('\n');
            }
            out.write(longLine);
            out.write('\n');
            for (int i = 100; i < 200; i++) {
                out.write(hitLine(i));
                out.write('\n');
            }
        }

        assertThat(emulator(file, "long-line")).isZero();

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "long-line");
        assertThat(lines).hasSize(200);
        assertThat(lines).allSatisfy(l -> assertThat(SourceMarkersTest.hitTicks(l.text())).isNotNull());
        assertThat(lines.stream().mapToLong(RawHitsTopic.Line::lineNumber).toArray())
                .isEqualTo(java.util.stream.LongStream.concat(java.util.stream.LongStream.rangeClosed(1, 100),
                        java.util.stream.LongStream.rangeClosed(102, 201)).toArray());
        List<ConsumerRecord<byte[], byte[]>> letters = RawHitsTopic.committedDeadLetters(kafka.bootstrapServers()).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("long-line")).toList();
        assertThat(letters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.value()).isEqualTo(Arrays.copyOf(longLine, Replay.DEAD_LETTER_PREFIX_BYTES));
        assertThat(header(letter, DeadLetter.HEADER_LENGTH)).isEqualTo(Integer.toString(longLine.length));
        assertThat(header(letter, DeadLetter.HEADER_LINE)).isEqualTo("101");
        assertThat(header(letter, DeadLetter.HEADER_SOURCE)).isEqualTo(file.toString());
        assertThat(header(letter, DeadLetter.HEADER_REASON)).isEqualTo("line of 10485760 bytes, longer than 65536 (--max-line-bytes); its first 4096 bytes kept");
        // The run still ends properly.
        assertThat(RawHitsTopic.committedEntriesOfRun(kafka.bootstrapServers(), "long-line").stream()
                .filter(e -> e.marker() != null && e.marker().kind() == SourceMarker.Kind.END_OF_RUN)).hasSize(1);
    }

    @Test
    void linesReachTheTopicWithTheFilesOwnBytesCrsAndBytesThatAreNotUtf8Included(@TempDir Path dir) throws Exception {
        byte[][] fileLines = {
                "2,0,5,100,10,3\r".getBytes(StandardCharsets.US_ASCII),
                {(byte) 0xFF, (byte) 0xFE, '2', ',', '0', (byte) 0x80, '\r'},
                "bad\rline with a lone CR".getBytes(StandardCharsets.US_ASCII),
                {'2', ',', '0', ',', '6', ',', '1', '0', '0', ',', '1', '1', ',', '4'},
                {(byte) 0xC3, (byte) 0x28, (byte) 0xE2, (byte) 0x82},
        };
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] l : fileLines) {
            content.write(l);
            content.write('\n');
        }
        Path file = Files.write(dir.resolve("crlf-and-binary.txt"), content.toByteArray());

        assertThat(emulator(file, "raw-bytes")).isZero();

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "raw-bytes");
        assertThat(lines).hasSize(fileLines.length);
        for (int i = 0; i < fileLines.length; i++) {
            assertThat(lines.get(i).bytes()).as("line %d", i + 1).isEqualTo(fileLines[i]);
            assertThat(lines.get(i).lineNumber()).isEqualTo(i + 1);
        }
    }

    @Test
    void anEmptyAndAHeaderOnlyFileAreWarningsNamingTheObjectCountedInTheStatus(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path headerOnly = Files.writeString(dir.resolve("header-only.txt"), "HEAD,FPGA,TDC_CHANNEL,ORBIT_CNT,BX_COUNTER,TDC_MEAS\n");
        Path good = Files.writeString(dir.resolve("good.txt"), "2,0,5,100,10,3\n");
        Emulator emulator = new Emulator(EmulatorConfig.of(kafka.bootstrapServers(), "empty-files",
                new EmulatorSource.LocalFiles(List.of(empty, headerOnly, good)), org.minidt.common.DaqFormat.COURSE, Pacing.max(), "empty-files"));

        assertThat(emulator.run(() -> false)).isEqualTo(1);
        EmulatorStatus.Snapshot status = emulator.status();
        assertThat(status.emptyObjects()).isEqualTo(2);
        assertThat(status.lastWarning()).isEqualTo(headerOnly + " holds only a header line: nothing to send");
        assertThat(status.errors()).isZero();
    }
}
