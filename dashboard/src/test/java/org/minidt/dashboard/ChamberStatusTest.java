package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.Histogram;
import org.minidt.common.WindowSummary;
import org.minidt.common.WindowSummary.ChamberSummary;

class ChamberStatusTest {
    private static final StatusThresholds THRESHOLDS = new StatusThresholds(20, 0.1, 5);

    @Test
    void evenOccupancyWithEnoughEntriesIsOk() {
        List<ChamberStatus> verdicts = ChamberStatus.judge(chambers(100, -1, 0, 0), THRESHOLDS);
        assertThat(verdicts).extracting(ChamberStatus::level).containsOnly(ChamberStatus.Level.OK);
        assertThat(verdicts.get(0).referenceEntries()).isEqualTo(100.0);
    }

    @Test
    void aCellBelowTheDeadFractionOfTheMedianIsDead() {
        // Chamber 1 (channels 64..127): its cell 5 = TDC_CHANNEL 69 has 9 entries, under 0.1 x 100.
        List<ChamberStatus> verdicts = ChamberStatus.judge(chambers(100, 1, 5, 9), THRESHOLDS);
        assertThat(verdicts.get(1).level()).isEqualTo(ChamberStatus.Level.DEAD_CHANNELS);
        assertThat(verdicts.get(1).deadChannels()).containsExactly(69);
        assertThat(verdicts.get(0).level()).isEqualTo(ChamberStatus.Level.OK);
        // Exactly 10 entries (= 0.1 x median) is not below the limit.
        assertThat(ChamberStatus.judge(chambers(100, 1, 5, 10), THRESHOLDS).get(1).level()).isEqualTo(ChamberStatus.Level.OK);
    }

    @Test
    void aCellAboveTheNoisyFactorOfTheMedianIsNoisy() {
        List<ChamberStatus> verdicts = ChamberStatus.judge(chambers(100, 3, 63, 501), THRESHOLDS);
        assertThat(verdicts.get(3).level()).isEqualTo(ChamberStatus.Level.NOISY_CHANNELS);
        assertThat(verdicts.get(3).noisyChannels()).containsExactly(127);
        assertThat(ChamberStatus.judge(chambers(100, 3, 63, 500), THRESHOLDS).get(3).level()).isEqualTo(ChamberStatus.Level.OK);
    }

    @Test
    void aWhollyDeadChamberIsJudgedAgainstTheOtherThree() {
        List<ChamberSummary> chambers = SampleWindows.window("r", 0, 0, 40, Set.of(2)).chambers();
        List<ChamberStatus> verdicts = ChamberStatus.judge(chambers, THRESHOLDS);
        assertThat(verdicts.get(2).level()).isEqualTo(ChamberStatus.Level.DEAD_CHANNELS);
        assertThat(verdicts.get(2).deadChannels()).hasSize(64).startsWith(0, 1, 2).endsWith(63);
        assertThat(verdicts).extracting(ChamberStatus::level).containsExactly(ChamberStatus.Level.OK, ChamberStatus.Level.OK,
                ChamberStatus.Level.DEAD_CHANNELS, ChamberStatus.Level.OK);
    }

    @Test
    void belowTheMinimumMedianNothingIsJudged() {
        List<ChamberStatus> verdicts = ChamberStatus.judge(chambers(19, 0, 0, 0), THRESHOLDS);
        assertThat(verdicts).extracting(ChamberStatus::level).containsOnly(ChamberStatus.Level.TOO_FEW_ENTRIES);
        assertThat(verdicts.get(0).deadChannels()).isEmpty();
    }

    /** Four chambers with {@code perCell} entries in every cell, except one cell set to {@code value}. */
    private static List<ChamberSummary> chambers(long perCell, int chamber, int cell, long value) {
        WindowSummary template = SampleWindows.window("r", 0, 0, 1, Set.of());
        List<ChamberSummary> out = new ArrayList<>();
        for (ChamberSummary c : template.chambers()) {
            long[] counts = new long[64];
            java.util.Arrays.fill(counts, perCell);
            if (c.chamber() == chamber) {
                counts[cell] = value;
            }
            Histogram occupancy = new Histogram(c.occupancy().binEdges(), counts, 0, 0);
            out.add(new ChamberSummary(c.chamber(), c.fpga(), c.firstChannel(), perCell * 64, 0, occupancy,
                    c.activeChannelsPerOrbit(), c.matchedOccupancy(), c.driftTimeNs()));
        }
        return out;
    }
}
