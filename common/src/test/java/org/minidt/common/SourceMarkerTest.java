package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class SourceMarkerTest {
    private static final RunInfo RUN = new RunInfo("run-7", 1_700_000_000_000L, 3_400_000_000L);

    @Test
    void aMarkerReadsBackAsWritten() throws Exception {
        for (SourceMarker.Kind kind : SourceMarker.Kind.values()) {
            SourceMarker marker = new SourceMarker(RUN, "run000591/data_000000.txt", kind, 123_456_789_012L);
            ProducerRecord<byte[], byte[]> r = marker.toProducerRecord(42L);

            assertThat(r.topic()).isEqualTo(Topics.RAW_HITS.name());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("run-7");
            assertThat(r.value()).isEmpty();
            assertThat(SourceMarker.isMarker(r.headers())).isTrue();
            assertThat(SourceMarker.fromParts(r.key(), r.headers())).isEqualTo(marker);
        }
    }

    @Test
    void aFrameIsNotAMarker() {
        RawFrame frame = new RawFrame.Builder().add("2,0,1,2,3,4").build(RUN, "s", 1);
        assertThat(SourceMarker.isMarker(frame.toProducerRecord(Topics.RAW_HITS.name(), 0).headers())).isFalse();
    }

    @Test
    void anUnknownKindIsRefusedWithItsName() {
        ProducerRecord<byte[], byte[]> r = new SourceMarker(RUN, "s", SourceMarker.Kind.PROGRESS, 1).toProducerRecord(0);
        RecordHeaders headers = new RecordHeaders(r.headers().toArray());
        headers.add(SourceMarker.HEADER_MARKER, "pause".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> SourceMarker.fromParts(r.key(), headers))
                .isInstanceOf(MalformedWordException.class).hasMessageContaining("'pause'");
    }
}
