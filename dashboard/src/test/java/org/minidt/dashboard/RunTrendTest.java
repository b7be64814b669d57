package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RunTrendTest {
    private static final long RUN_START = 1_700_000_000_000L;

    private static TrendPoint point(long index) {
        return TrendPoint.of(SampleWindows.window("r", RUN_START, index, 3, Set.of()));
    }

    @Test
    void pointsAreInWindowOrderWhateverOrderTheyArriveIn() {
        RunTrend trend = new RunTrend(60_000);
        for (long index : new long[] {3, 1, 2, 7, 5}) {
            trend.add(point(index));
        }
        assertThat(trend.points()).extracting(TrendPoint::index).containsExactly(1L, 2L, 3L, 5L, 7L);
        assertThat(trend.points()).extracting(TrendPoint::sinceRunStartMs).containsExactly(1000L, 2000L, 3000L, 5000L, 7000L);
    }

    @Test
    void keepsTheLastSpanOfDetectorTimeAcrossAGap() {
        RunTrend trend = new RunTrend(10_000);
        for (long index = 0; index < 27; index++) {
            trend.add(point(index));
        }
        assertThat(trend.fromIndex()).isEqualTo(17);
        // Run000591's silence: the next windows are 210 s later in detector time; what lies before is dropped.
        trend.add(point(236));
        trend.add(point(237));
        assertThat(trend.points()).extracting(TrendPoint::index).containsExactly(236L, 237L);
        assertThat(trend.fromIndex()).isEqualTo(236);
    }

    @Test
    void aPointIsTheWindowsRateInHitsPerSecond() {
        var w = SampleWindows.window("r", RUN_START, 4, 3, Set.of(2));
        TrendPoint p = TrendPoint.of(w);
        assertThat(p.hitsPerS()).isEqualTo((double) w.totalHits() / (w.window().sizeMs() / 1000.0));
        assertThat(p.chamberHitsPerS().get(2)).isZero();
        assertThat(p.chamberHitsPerS().get(0)).isEqualTo((double) w.chambers().get(0).hits());
    }
}
