package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RawFrameTest {

    @Test
    void aFrameSurvivesTheRecordEncodingWithItsLinesAndOrigin() throws Exception {
        RunInfo run = new RunInfo("run-7", 1_700_000_000_000L, 46758);
        RawFrame sent = new RawFrame.Builder().add("2,0,72,46758,279,18").add("4,1,0,3387315431,0,-0.573730")
                .build(run, "s3://minidt/run000591/data_000000.txt", 2);
        ProducerRecord<byte[], byte[]> record = sent.toProducerRecord(Topics.RAW_HITS.name(), 123L);

        RawFrame received = RawFrame.fromParts(record.key(), record.value(), record.headers());

        assertThat(record.topic()).isEqualTo("minidt.raw-hits");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("run-7");
        assertThat(received.run()).isEqualTo(run);
        assertThat(received.source()).isEqualTo("s3://minidt/run000591/data_000000.txt");
        List<String> lines = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        received.forEachLine((buf, from, to, n) -> {
            lines.add(new String(buf, from, to - from, StandardCharsets.UTF_8));
            numbers.add(n);
        });
        assertThat(lines).containsExactly("2,0,72,46758,279,18", "4,1,0,3387315431,0,-0.573730");
        assertThat(numbers).containsExactly(2L, 3L);
    }

    @Test
    void aLastLineWithoutNewlineIsStillALine() {
        RawFrame frame = new RawFrame(new RunInfo("r", 0, 0), "f", 1, "a\nb".getBytes(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        frame.forEachLine((buf, from, to, n) -> lines.add(new String(buf, from, to - from, StandardCharsets.UTF_8)));
        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void aRecordWithoutRunHeadersIsNotAFrame() {
        assertThatThrownBy(() -> RawFrame.fromParts("r".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, new RecordHeaders()))
                .isInstanceOf(MalformedWordException.class).hasMessage("record lacks header minidt.run-start-ms");
        assertThatThrownBy(() -> RawFrame.fromParts(null, new byte[] {1}, new RecordHeaders()))
                .hasMessage("record has no run id key");
    }
}
