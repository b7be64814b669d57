package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqTime;
import org.minidt.common.DeadLetter;
import org.minidt.common.Json;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/** Bad input, late words, revisions, source markers and silence, the message schema and the metrics of the monitoring topology. */
class MonitorTopologyTest {
    private static final long START_ORBIT = 1_000_000;
    private static final RunInfo RUN = new RunInfo("run-test", MonitorDriver.START.toEpochMilli(), START_ORBIT);
    /** Orbits per second of detector time, rounded down: 1 s = 1.2e9 ticks, an orbit 106,920 ticks. */
    private static final long ORBITS_PER_S = 11_223;

    @Test
    void everyEmittedMessageValidatesAgainstTheSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = WindowSummary.class.getResourceAsStream("/schema/window-summary.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        List<byte[]> messages = new ArrayList<>();
        for (Matching matching : Matching.values()) {
            try (MonitorDriver driver = new MonitorDriver(c -> c.withMatching(matching))) {
                for (var file : List.of(DaqFiles.RUN_591, DaqFiles.COURSE_SAMPLE)) {
                    List<String> lines = DaqFiles.courseLines(file, file.equals(DaqFiles.RUN_591) ? DaqFormat.FIRMWARE_2020 : DaqFormat.COURSE);
                    driver.pipe(DaqFiles.frames(DaqFiles.run(file.getParent().getFileName().toString(), lines, RUN.startEpochMs()),
                            file.toString(), lines, 1000));
                }
                driver.pipe(frame(RUN, "2,0,1,1000000,5,3", "garbage", "2,1,128," + (START_ORBIT + 3 * ORBITS_PER_S) + ",0,0"));
                driver.pipe(frame(RUN, "2,0,1,1000000,5,3"));
                driver.pipe(new SourceMarker(RUN, "test", SourceMarker.Kind.END_OF_RUN, 0));
                // A word for the ended run's window 0 revises it once its source is silent.
                driver.pipe(frame(RUN, "2,0,2,1000000,5,3"));
                driver.advanceWallClock(Duration.ofSeconds(31));
                messages.addAll(driver.resultJson());
            }
        }
        // Run000591 has hits in 33 one-second windows (0..26, 236..241: the DAQ paused in between).
        assertThat(messages.size()).isGreaterThanOrEqualTo(2 * 33);
        assertThat(messages.stream().map(MonitorDriver::parse).map(w -> w.window().closedBy()).distinct())
                .containsExactlyInAnyOrder(WindowSummary.CLOSED_BY_STREAM_TIME, WindowSummary.CLOSED_BY_END_OF_RUN,
                        WindowSummary.CLOSED_BY_SOURCE_SILENCE);
        assertThat(messages.stream().map(MonitorDriver::parse).filter(w -> w.window().revision() > 0)).isNotEmpty();
        assertThat(messages.stream().map(MonitorDriver::parse).filter(w -> w.window().lastInRun())).isNotEmpty();
        for (byte[] message : messages) {
            Set<ValidationMessage> errors = schema.validate(Json.MAPPER.readTree(message));
            assertThat(errors).as(new String(message, StandardCharsets.UTF_8)).isEmpty();
        }
    }

    /** In a packed frame a malformed line is escaped with its bytes: it is dead-lettered exactly as from a text frame. */
    @ParameterizedTest
    @EnumSource(RawFrame.Encoding.class)
    void malformedLinesGoToTheDeadLetterTopicWithTheirBytesLineAndReasonAndAreCounted(RawFrame.Encoding encoding) {
        List<byte[]> bad = List.of(
                ascii("2,0,5,1000000,7"),
                ascii("2,0,5,1000000,7,3,9"),
                ascii("2,0,x5,1000000,7,3"),
                ascii("2,0,5,1000000,3564,3"),
                ascii("2,0,5,1000000,7,30"),
                ascii("2,2,5,1000000,7,3"),
                ascii("7,0,5,1000000,7,3"),
                ascii("2,0,5,99999999999,7,3"),
                ascii(""),
                new byte[] {(byte) 0xff, 0x00, 0x13, (byte) 0x9c, ',', (byte) 0xfe},
                ascii("2,0,5,1000000,7,3" + "0".repeat(200)));
        List<String> reasons = List.of("expected 6 comma-separated fields, found 5", "expected 6 comma-separated fields, found more",
                "TDC_CHANNEL is not a non-negative integer", "BX_COUNTER 3564 out of range", "TDC_MEAS 30 out of range",
                "FPGA 2 out of range", "unknown HEAD 7", "ORBIT_CNT 99999999999 out of range", "empty line",
                "HEAD is not a non-negative integer", "longer than 128");
        RawFrame.Builder frame = new RawFrame.Builder(encoding);
        frame.add("2,0,5,1000000,7,3");
        bad.forEach(b -> frame.add(b, b.length));
        frame.add("2,0,6,1000000,8,4\r");
        frame.add("0,1,2,1000005,1119,24");

        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(frame.build(RUN, "s3://bucket/bad.txt", 41));
            List<TestRecord<byte[], byte[]>> letters = driver.deadLetters();
            assertThat(letters).hasSize(bad.size());
            for (int i = 0; i < bad.size(); i++) {
                TestRecord<byte[], byte[]> letter = letters.get(i);
                assertThat(letter.value()).as("original bytes of bad line %d", i).isEqualTo(bad.get(i));
                assertThat(letter.key()).isEqualTo(ascii(RUN.runId()));
                assertThat(header(letter, DeadLetter.HEADER_REASON)).contains(reasons.get(i));
                assertThat(header(letter, DeadLetter.HEADER_SOURCE)).isEqualTo("s3://bucket/bad.txt");
                assertThat(header(letter, DeadLetter.HEADER_LINE)).isEqualTo(Long.toString(42 + i));
            }
            // The application keeps running: the next frame is processed and the silent run closes.
            driver.pipe(frame(RUN, "2,0,9,1000001,8,4"));
            driver.advanceWallClock(Duration.ofSeconds(31));
            List<WindowSummary> windows = driver.results();
            assertThat(windows).hasSize(1);
            WindowSummary w = windows.get(0);
            assertThat(w.accounting().malformedWords()).isEqualTo(bad.size());
            assertThat(w.totalHits()).isEqualTo(3);
            assertThat(w.accounting().droppedByHead()).containsEntry("0", 1L);
            assertThat(w.accounting().wordsRead()).isEqualTo(bad.size() + 4);
            assertAccountingInvariant(w);
            assertThat(driver.metric(MonitorMetrics.MALFORMED_WORDS_TOTAL)).isEqualTo(bad.size());
        }
    }

    @Test
    void recordsThatAreNotFramesGoWholeToTheDeadLetterTopic() {
        byte[] garbage = {1, 2, 3, (byte) 0xff, '\n', 0};
        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(new ProducerRecord<>(Topics.RAW_HITS.name(), null, 0L, ascii("run-x"), garbage, new RecordHeaders()));
            driver.pipe(new ProducerRecord<>(Topics.RAW_HITS.name(), null, 0L, null, garbage, new RecordHeaders()));
            var badStart = new RecordHeaders().add(RawFrame.HEADER_RUN_START_MS, ascii("yesterday"))
                    .add(RawFrame.HEADER_RUN_START_ORBIT, ascii("1")).add(RawFrame.HEADER_FIRST_LINE, ascii("1"));
            driver.pipe(new ProducerRecord<>(Topics.RAW_HITS.name(), null, 0L, ascii("run-x"), garbage, badStart));
            List<TestRecord<byte[], byte[]>> letters = driver.deadLetters();
            assertThat(letters).extracting(TestRecord::value).containsExactly(garbage, garbage, garbage);
            assertThat(letters).extracting(l -> header(l, DeadLetter.HEADER_REASON)).containsExactly(
                    "record lacks header " + RawFrame.HEADER_RUN_START_MS, "record has no run id key",
                    "header " + RawFrame.HEADER_RUN_START_MS + " is not a number");
            assertThat(driver.metric(MonitorMetrics.NON_FRAME_RECORDS_TOTAL)).isEqualTo(3);

            driver.pipe(frame(RUN, "2,0,9,1000001,8,4"));
            driver.advanceWallClock(Duration.ofSeconds(31));
            assertThat(driver.results()).extracting(WindowSummary::totalHits).containsExactly(1L);
        }
    }

    @Test
    void hitsOlderThanTheRevisionHorizonAreCountedLateAndNotUsed() {
        long windowOne = START_ORBIT + ORBITS_PER_S + 10;
        long windowFour = START_ORBIT + 4 * ORBITS_PER_S + 10;
        try (MonitorDriver driver = new MonitorDriver(c -> c.withRevisionHorizonMs(0))) {
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3", "2,0,2,1000011,5,3", "2,1,70," + windowOne + ",5,3"));
            assertThat(driver.results()).isEmpty();
            // Stream time moves to window 4: windows 0 and 1 (end + 1 s grace <= 4 s) close, in order.
            driver.pipe(frame(RUN, "2,1,3," + windowFour + ",0,0"));
            List<WindowSummary> closed = driver.results();
            assertThat(closed).extracting(w -> w.window().index()).containsExactly(0L, 1L);
            assertThat(closed).extracting(WindowSummary::totalHits).containsExactly(2L, 1L);
            assertThat(closed).extracting(w -> w.window().closedBy()).containsOnly(WindowSummary.CLOSED_BY_STREAM_TIME);
            // With no revision horizon, a hit of window 0 now is late: counted in the window of stream time (4), in no histogram.
            driver.pipe(frame(RUN, "2,0,4,1000012,5,3", "2,0,5," + (windowFour + 1) + ",0,0"));
            driver.advanceWallClock(Duration.ofSeconds(31));
            List<WindowSummary> rest = driver.results();
            assertThat(rest).extracting(w -> w.window().index()).containsExactly(4L);
            WindowSummary four = rest.get(0);
            assertThat(four.accounting().lateWords()).isEqualTo(1);
            assertThat(four.totalHits()).isEqualTo(2);
            assertThat(four.chambers().get(0).hits()).isEqualTo(1);
            assertThat(four.accounting().wordsRead()).isEqualTo(3);
            assertAccountingInvariant(four);
            assertThat(driver.metric(MonitorMetrics.LATE_WORDS_TOTAL)).isEqualTo(1);
        }
    }

    @Test
    void aHitWithinTheRevisionHorizonRevisesItsEmittedWindow() {
        long windowFour = START_ORBIT + 4 * ORBITS_PER_S + 10;
        try (MonitorDriver driver = new MonitorDriver(c -> c.withRevisionHorizonMs(10_000))) {
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3", "2,0,2,1000011,5,3"));
            driver.pipe(frame(RUN, "2,1,3," + windowFour + ",0,0"));
            assertThat(driver.results()).extracting(w -> w.window().index(), w -> w.window().revision(), WindowSummary::totalHits)
                    .containsExactly(tuple(0L, 0, 2L));
            // Window 0 closed at 2 s of stream time (4 s now), within the 10 s horizon: the hit revises it at once.
            driver.pipe(frame(RUN, "2,0,4,1000012,5,3"));
            List<WindowSummary> revised = driver.results();
            assertThat(revised).extracting(w -> w.window().index(), w -> w.window().revision(), WindowSummary::totalHits)
                    .containsExactly(tuple(0L, 1, 3L));
            assertThat(revised.get(0).chambers().get(0).occupancy().binCounts()).startsWith(0, 1, 1, 0, 1);
            assertThat(revised.get(0).accounting().lateWords()).isZero();
            assertAccountingInvariant(revised.get(0));
            assertThat(driver.metric(MonitorMetrics.LATE_WORDS_TOTAL)).isZero();
            assertThat(driver.metric(MonitorMetrics.WINDOWS_REVISED_TOTAL)).isEqualTo(1);
        }
    }

    @Test
    void aSilentSourceHasItsWindowsClosedAfterTheSourceSilenceTimeoutAndLaterWordsReviseThem() {
        try (MonitorDriver driver = new MonitorDriver(c -> c.withSourceSilenceMs(5_000))) {
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3", "2,0,2,1000020,5,3"));
            List<WindowSummary> windows = List.of();
            long silentMs = 0;
            while (windows.isEmpty() && silentMs < 60_000) {
                driver.advanceWallClock(Duration.ofMillis(100));
                silentMs += 100;
                windows = driver.results();
            }
            assertThat(silentMs).as("silence until the window closed").isBetween(5_000L, 5_000L + MonitorProcessor.SILENCE_CHECK_INTERVAL.toMillis());
            assertThat(windows).extracting(w -> w.window().closedBy(), w -> w.window().revision(), WindowSummary::totalHits)
                    .containsExactly(tuple(WindowSummary.CLOSED_BY_SOURCE_SILENCE, 0, 2L));
            // Closable when the timeout expired, counted from the last frame.
            assertThat(windows.get(0).window().closableMs()).isEqualTo(MonitorDriver.START.toEpochMilli() + 5_000);
            assertThat(windows.get(0).window().emittedMs() - windows.get(0).window().closableMs())
                    .isBetween(0L, MonitorProcessor.SILENCE_CHECK_INTERVAL.toMillis());

            // The source comes back with words of the closed window: not late, a revision once the window is complete again.
            driver.pipe(frame(RUN, "2,0,3,1000030,5,3"));
            assertThat(driver.results()).isEmpty();
            driver.pipe(new SourceMarker(RUN, "test", SourceMarker.Kind.END_OF_RUN, 0));
            List<WindowSummary> revised = driver.results();
            assertThat(revised).extracting(w -> w.window().closedBy(), w -> w.window().revision(), WindowSummary::totalHits,
                    w -> w.window().lastInRun()).containsExactly(tuple(WindowSummary.CLOSED_BY_END_OF_RUN, 1, 3L, true));
            assertThat(revised.get(0).accounting().lateWords()).isZero();
        }
    }

    @Test
    void progressMarkersKeepAPausedSourcesWindowsOpenAndMoveStreamTime() {
        long windowThree = START_ORBIT + 3 * ORBITS_PER_S;
        try (MonitorDriver driver = new MonitorDriver(c -> c.withSourceSilenceMs(5_000))) {
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3"));
            // Paused for a minute, saying so every second: nothing closes (stream time stays in window 0).
            for (int s = 0; s < 60; s++) {
                driver.pipe(new SourceMarker(RUN, "test", SourceMarker.Kind.PROGRESS, orbitTicks(1_000_010)));
                driver.advanceWallClock(Duration.ofSeconds(1));
            }
            assertThat(driver.results()).isEmpty();
            // Progress past window 0's end + grace closes it by stream time, without any further hit.
            driver.pipe(new SourceMarker(RUN, "test", SourceMarker.Kind.PROGRESS, orbitTicks(windowThree)));
            assertThat(driver.results()).extracting(w -> w.window().index(), w -> w.window().closedBy(), WindowSummary::totalHits)
                    .containsExactly(tuple(0L, WindowSummary.CLOSED_BY_STREAM_TIME, 1L));
        }
    }

    @Test
    void aStalledProcessorDoesNotTakeItsBacklogForSilence() {
        try (MonitorDriver driver = new MonitorDriver(c -> c.withSourceSilenceMs(1_000))) {
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3"));
            // The thread stalls for 5 s; the input that arrived meanwhile waits in Kafka, not yet processed.
            driver.stall(Duration.ofSeconds(5));
            assertThat(driver.results()).as("no source-silence close right after a stall").isEmpty();
            driver.pipe(frame(RUN, "2,0,2,1000020,5,3"));
            driver.advanceWallClock(Duration.ofSeconds(5));
            List<WindowSummary> windows = driver.results();
            assertThat(windows).extracting(WindowSummary::totalHits).containsExactly(2L);
            assertThat(windows.get(0).window().revision()).isZero();
        }
    }

    @Test
    void aFinishedRunIsForgottenAfterAnHourOfQuietAndItsIdCanBeReplayedAfresh() {
        try (MonitorDriver driver = new MonitorDriver(c -> c)) {
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3"));
            driver.advanceWallClock(Duration.ofSeconds(31));
            assertThat(driver.results()).extracting(WindowSummary::totalHits).containsExactly(1L);
            // Within the hour, window 0 of the run is kept: the same hit again revises it.
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3"));
            driver.advanceWallClock(Duration.ofSeconds(31));
            assertThat(driver.results()).extracting(w -> w.window().revision(), WindowSummary::totalHits).containsExactly(tuple(1, 2L));
            driver.advanceWallClock(MonitorProcessor.FORGET_RUN_AFTER);
            driver.pipe(frame(RUN, "2,0,1,1000010,5,3", "2,0,2,1000011,5,3"));
            driver.advanceWallClock(Duration.ofSeconds(31));
            List<WindowSummary> replayed = driver.results();
            assertThat(replayed).extracting(w -> w.window().index(), w -> w.window().revision()).containsExactly(tuple(0L, 0));
            assertThat(replayed.get(0).totalHits()).isEqualTo(2);
            assertThat(replayed.get(0).accounting().lateWords()).isZero();
        }
    }

    private static void assertAccountingInvariant(WindowSummary w) {
        long dropped = w.accounting().droppedByHead().values().stream().mapToLong(Long::longValue).sum();
        assertThat(w.accounting().wordsRead())
                .isEqualTo(w.totalHits() + dropped + w.accounting().lateWords() + w.accounting().malformedWords());
        assertThat(w.accounting().chamberHits() + w.accounting().nonChamberHits()).isEqualTo(w.totalHits());
    }

    private static long orbitTicks(long orbit) {
        return DaqTime.orbitStartTicks(orbit);
    }

    private static RawFrame frame(RunInfo run, String... lines) {
        RawFrame.Builder b = new RawFrame.Builder();
        for (String line : lines) {
            b.add(line);
        }
        return b.build(run, "test", 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
