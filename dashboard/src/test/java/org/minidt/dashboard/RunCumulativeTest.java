package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.Binning;
import org.minidt.common.Cumulative;
import org.minidt.common.Histogram;
import org.minidt.common.HistogramSum;
import org.minidt.common.RunCumulative;
import org.minidt.common.WindowSummary;

/** The run sums (common/RunCumulative), checked on the dashboard's sample windows. */
class RunCumulativeTest {
    private static final long RUN_START = 1_700_000_000_000L;

    @Test
    void sumsEveryCounterAndHistogramBinOfTheRunsWindows() {
        WindowSummary a = SampleWindows.window("r1", RUN_START, 4, 3, Set.of());
        WindowSummary b = SampleWindows.window("r1", RUN_START, 5, 7, Set.of(1));
        RunCumulative run = new RunCumulative(a);
        assertThat(run.add(a)).isTrue();
        assertThat(run.add(b)).isTrue();

        Cumulative c = run.toCumulative();
        assertThat(c.run()).isEqualTo("r1");
        assertThat(c.runStartMs()).isEqualTo(RUN_START);
        assertThat(c.windows()).isEqualTo(2);
        assertThat(c.firstWindowIndex()).isEqualTo(4);
        assertThat(c.lastWindowIndex()).isEqualTo(5);
        assertThat(c.wallStartMs()).isEqualTo(RUN_START + 4000);
        assertThat(c.wallEndMs()).isEqualTo(RUN_START + 6000);
        assertThat(c.totalHits()).isEqualTo(a.totalHits() + b.totalHits());
        assertThat(c.accounting().wordsRead()).isEqualTo(a.accounting().wordsRead() + b.accounting().wordsRead());
        assertThat(c.accounting().droppedByHead().get("0"))
                .isEqualTo(a.accounting().droppedByHead().get("0") + b.accounting().droppedByHead().get("0"));
        assertThat(c.scintillator().orbits()).isEqualTo(a.scintillator().orbits() + b.scintillator().orbits());
        for (int ch = 0; ch < 4; ch++) {
            WindowSummary.ChamberSummary sum = c.chambers().get(ch);
            assertThat(sum.hits()).isEqualTo(a.chambers().get(ch).hits() + b.chambers().get(ch).hits());
            assertThat(sum.occupancy().binEdges()).isEqualTo(a.chambers().get(ch).occupancy().binEdges());
            for (int i = 0; i < 64; i++) {
                assertThat(sum.occupancy().binCounts()[i])
                        .isEqualTo(a.chambers().get(ch).occupancy().binCounts()[i] + b.chambers().get(ch).occupancy().binCounts()[i]);
            }
            assertThat(sum.driftTimeNs().overflow())
                    .isEqualTo(a.chambers().get(ch).driftTimeNs().overflow() + b.chambers().get(ch).driftTimeNs().overflow());
        }
    }

    @Test
    void aWindowDeliveredTwiceCountsOnce() {
        WindowSummary a = SampleWindows.window("r1", RUN_START, 0, 3, Set.of());
        RunCumulative run = new RunCumulative(a);
        run.add(a);
        assertThat(run.add(a)).isFalse();
        assertThat(run.toCumulative().totalHits()).isEqualTo(a.totalHits());
        assertThat(run.toCumulative().windows()).isEqualTo(1);
    }

    @Test
    void aNewerRevisionReplacesTheWindowInTheSumsAndAnOlderOneIsSkipped() {
        WindowSummary a = SampleWindows.window("r1", RUN_START, 4, 3, Set.of());
        WindowSummary b = SampleWindows.window("r1", RUN_START, 5, 3, Set.of());
        // Revision 1 of window 5: more hits, one chamber now dead (every counter and bin differs).
        WindowSummary bRevised = SampleWindows.asRevision(SampleWindows.window("r1", RUN_START, 5, 7, Set.of(1)), 1);
        RunCumulative run = new RunCumulative(a);
        run.add(a);
        run.add(b);
        assertThat(run.add(bRevised)).isTrue();
        assertThat(run.add(b)).as("the older revision, re-delivered").isFalse();

        RunCumulative reference = new RunCumulative(a);
        reference.add(a);
        reference.add(bRevised);
        assertThat(run.toCumulative()).isEqualTo(reference.toCumulative());
        assertThat(run.toCumulative().windows()).isEqualTo(2);
    }

    @Test
    void aRevisionOfAWindowBeyondTheRevisableOnesIsSkipped() {
        WindowSummary first = SampleWindows.window("r1", RUN_START, 0, 3, Set.of());
        RunCumulative run = new RunCumulative(first);
        run.add(first);
        WindowSummary later = SampleWindows.window("r1", RUN_START, RunCumulative.REVISABLE_WINDOWS, 3, Set.of());
        run.add(later);
        assertThat(run.add(SampleWindows.asRevision(SampleWindows.window("r1", RUN_START, 0, 9, Set.of()), 1))).isFalse();
        assertThat(run.toCumulative().totalHits()).isEqualTo(first.totalHits() + later.totalHits());
    }

    @Test
    void otherBinEdgesRestartThatHistogramsSum() {
        HistogramSum sum = new HistogramSum();
        sum.add(Histogram.of(Binning.integers(0, 3), new long[] {1, 2, 3}, 1, 0));
        sum.add(Histogram.of(Binning.integers(0, 3), new long[] {1, 1, 1}, 0, 2));
        assertThat(sum.toHistogram()).isEqualTo(Histogram.of(Binning.integers(0, 3), new long[] {2, 3, 4}, 1, 2));
        sum.add(Histogram.of(new Binning(0, 6, 3), new long[] {5, 0, 0}, 0, 0));
        assertThat(sum.toHistogram()).isEqualTo(Histogram.of(new Binning(0, 6, 3), new long[] {5, 0, 0}, 0, 0));
    }
}
