package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;

class ResultsMessageTest {
    private static final WindowSummary GOOD = SampleWindows.window("r1", 1_700_000_000_000L, 7, 3, Set.of());

    @Test
    void readsAWindowSummaryBackExactly() throws Exception {
        assertThat(ResultsMessage.parse(Json.toBytes(GOOD))).isEqualTo(GOOD);
    }

    @Test
    void rejectsWhatIsNotAWindowSummaryWithItsReason() {
        assertRejected("not json at all".getBytes(StandardCharsets.UTF_8), "not a window summary");
        assertRejected("{\"schema\":1,\"run\":".getBytes(StandardCharsets.UTF_8), "not a window summary");
        assertRejected(null, "empty record value");
        assertRejected("{}".getBytes(StandardCharsets.UTF_8), "schema 0");
    }

    @Test
    void rejectsAnotherSchemaVersion() {
        int other = WindowSummary.SCHEMA_VERSION + 1;
        assertRejected(Json.toBytes(new WindowSummary(other, GOOD.run(), GOOD.window(), GOOD.totalHits(), GOOD.chambers(),
                GOOD.scintillator(), GOOD.accounting(), GOOD.settings())), "schema " + other);
    }

    @Test
    void rejectsMissingOrMisorderedChambers() {
        assertRejected(Json.toBytes(withChambers(GOOD.chambers().subList(0, 3))), "not exactly 4 chambers");
        assertRejected(Json.toBytes(withChambers(List.of(GOOD.chambers().get(1), GOOD.chambers().get(0), GOOD.chambers().get(2),
                GOOD.chambers().get(3)))), "chamber 0 missing or out of order");
    }

    @Test
    void rejectsAHistogramWithMismatchedEdgesOrNegativeCounts() {
        String json = Json.toString(GOOD);
        assertRejected(json.replaceFirst("\"bin_counts\":\\[\\d+,", "\"bin_counts\":[").getBytes(StandardCharsets.UTF_8), "not a window summary");
        assertRejected(json.replaceFirst("\"bin_counts\":\\[\\d+,", "\"bin_counts\":[-1,").getBytes(StandardCharsets.UTF_8), "negative bin count");
    }

    private static WindowSummary withChambers(List<WindowSummary.ChamberSummary> chambers) {
        return new WindowSummary(GOOD.schema(), GOOD.run(), GOOD.window(), GOOD.totalHits(), chambers, GOOD.scintillator(),
                GOOD.accounting(), GOOD.settings());
    }

    private static void assertRejected(byte[] value, String reason) {
        assertThatThrownBy(() -> ResultsMessage.parse(value)).isInstanceOf(ResultsMessage.MalformedResult.class).hasMessageContaining(reason);
    }
}
