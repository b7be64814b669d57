package org.minidt.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.Histogram;
import org.minidt.common.Json;
import org.minidt.common.RunArchive;
import org.minidt.common.RunSummary;
import org.minidt.common.WindowSummary;

class ArchivedRunTest {
    private static final long RUN_START = 1_700_000_000_000L;

    @Test
    void aRevisedWindowReplacesTheEarlierOneAndAReplayedOlderRevisionDoesNot() throws Exception {
        ArchivedRun run = new ArchivedRun("r", 0);
        run.window(window(0, 5), 0);
        run.window(window(1, 7), 0);
        run.window(window(1, 9, 1, false), 0);
        run.window(window(1, 7), 0);

        Map<String, byte[]> objects = run.objectsToWrite();
        RunSummary summary = Json.fromBytes(objects.get(RunArchive.summaryKey("r")), RunSummary.class);
        assertThat(summary.windows()).isEqualTo(2);
        assertThat(summary.chamberHits()).containsExactly(14L, 0L, 0L, 0L);
        WindowSummary[] part = Json.fromBytes(objects.get(RunArchive.windowsKey("r", 0)), WindowSummary[].class);
        assertThat(part).extracting(WindowSummary::totalHits).containsExactly(5L, 9L);
    }

    @Test
    void aReplayedWindowChangesNothingAndKeepsAnEndedRunEnded() {
        ArchivedRun run = new ArchivedRun("r", 0);
        run.window(window(0, 5), 0);
        assertThat(run.endIfQuiet(999, 1000)).isFalse();
        assertThat(run.endIfQuiet(1000, 1000)).isTrue();
        assertThat(run.endToWrite()).isTrue();
        run.objectsToWrite();
        run.written();

        run.window(window(0, 5), 2000);
        assertThat(run.needsWrite()).isFalse();
        assertThat(run.ended()).isTrue();

        run.window(window(1, 3), 3000);
        assertThat(run.needsWrite()).isTrue();
        assertThat(run.ended()).as("a new window reopens the run").isFalse();
    }

    @Test
    void theWindowMarkedLastInRunEndsTheRunAtOnceAndALaterRevisionKeepsItEnded() {
        ArchivedRun run = new ArchivedRun("r", 0);
        run.window(window(0, 5), 0);
        assertThat(run.ended()).isFalse();
        run.window(window(1, 5, 0, true), 10);
        assertThat(run.ended()).isTrue();
        assertThat(run.endToWrite()).as("written at once").isTrue();
        run.objectsToWrite();
        run.written();

        run.window(window(0, 6, 1, false), 20);
        assertThat(run.needsWrite()).isTrue();
        assertThat(run.ended()).isTrue();
        assertThat(run.endToWrite()).as("a later change waits for the interval").isFalse();
    }

    @Test
    void onlyTheChangedPartOfTheWindowSeriesIsRewritten() {
        ArchivedRun run = new ArchivedRun("r", 0);
        run.window(window(5, 1), 0);
        run.window(window(150, 1), 0);
        run.objectsToWrite();
        run.written();

        run.window(window(151, 1), 0);
        assertThat(run.objectsToWrite().keySet()).contains(RunArchive.windowsKey("r", 100))
                .doesNotContain(RunArchive.windowsKey("r", 0));
    }

    @Test
    void theSummaryKeepsTheNewestWholeRunVerdictOfEachScopeAndCheck() throws Exception {
        ArchivedRun run = new ArchivedRun("r", 0);
        run.window(window(0, 5), 0);
        run.verdict(verdict("window", "detector", "detector", "summary", "BAD"), 0);
        run.verdict(verdict("run", "detector", "detector", "summary", "MEDIUM"), 0);
        run.verdict(verdict("run", "cell", "L1-W03", "cell-occupancy", "BAD"), 0);
        run.verdict(verdict("run", "detector", "detector", "summary", "GOOD"), 0);

        RunSummary summary = Json.fromBytes(run.objectsToWrite().get(RunArchive.summaryKey("r")), RunSummary.class);
        assertThat(summary.quality()).isEqualTo("GOOD");
        assertThat(summary.verdicts()).extracting(v -> v.path("scope").path("label").asText() + " " + v.path("quality").asText())
                .containsExactly("L1-W03 BAD", "detector GOOD");
    }

    private static JsonNode verdict(String span, String scope, String label, String check, String quality) throws Exception {
        return Json.MAPPER.readTree("{\"run\":\"r\",\"span\":{\"kind\":\"" + span + "\"},\"scope\":{\"kind\":\"" + scope
                + "\",\"label\":\"" + label + "\"},\"check\":\"" + check + "\",\"quality\":\"" + quality + "\"}");
    }

    /** A first-revision window of run "r" whose hits are all in chamber 0, cell 0. */
    static WindowSummary window(long index, long hits) {
        return window(index, hits, 0, false);
    }

    static WindowSummary window(long index, long hits, int revision, boolean lastInRun) {
        List<WindowSummary.ChamberSummary> chambers = new ArrayList<>();
        for (Chamber c : Chamber.values()) {
            long[] occupancy = new long[Chamber.CELLS];
            long n = c.index() == 0 ? hits : 0;
            occupancy[0] = n;
            Histogram cells = Histogram.of(Binning.integers(c.firstChannel(), c.firstChannel() + Chamber.CELLS), occupancy, 0, 0);
            Histogram empty = Histogram.of(new Binning(0, 10, 2), new long[2], 0, 0);
            chambers.add(new WindowSummary.ChamberSummary(c.index(), c.fpga(), c.firstChannel(), n, 0, cells, empty, empty, empty));
        }
        long start = RUN_START + index * 1000;
        return new WindowSummary(WindowSummary.SCHEMA_VERSION, "r",
                new WindowSummary.Window(index, 1000, index * 1_000_000_000L, (index + 1) * 1_000_000_000L, RUN_START, index * 1000,
                        start, start + 1000, start + 1200, start + 1500, "stream-time", revision, lastInRun),
                hits, chambers, new WindowSummary.Scintillator(0, 0),
                new WindowSummary.Accounting(hits, Map.of(), hits, 0, 0, 0),
                new WindowSummary.Settings(1000, "same-orbit", 0, 0, List.of(0.0, 0.0, 0.0, 0.0)));
    }
}
