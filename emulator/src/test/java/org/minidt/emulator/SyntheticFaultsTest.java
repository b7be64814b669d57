package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.DaqTime;

/** The synthetic source's injected faults do what they say, from when they say. */
class SyntheticFaultsTest {
    static final double ORBIT_NS = DaqTime.BX_PER_ORBIT * DaqTime.NS_PER_BX;

    /** Hits as {fpga, channel, seconds since the stream start}, for 10 s of detector time. */
    static List<double[]> hits(SyntheticConfig config) {
        SyntheticSource source = new SyntheticSource(config);
        List<double[]> out = new ArrayList<>();
        while (true) {
            String[] f = source.nextLine().split(",");
            if (!f[0].equals("2")) {
                continue;
            }
            long ticks = DaqTime.ticks(Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]))
                    - DaqTime.orbitStartTicks(SyntheticSource.FIRST_ORBIT);
            double s = DaqTime.ticksToNs(ticks) / 1e9;
            if (s > 10) {
                return out;
            }
            out.add(new double[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), s});
        }
    }

    static long count(List<double[]> hits, int fpga, int channel, double fromS, double toS) {
        return hits.stream().filter(h -> h[0] == fpga && h[1] == channel && h[2] >= fromS && h[2] < toS).count();
    }

    @Test
    void aSilentCellHasHitsUntilItsTimeAndNoneAfter() {
        List<double[]> hits = hits(new SyntheticConfig(5, 300, 400, 0).withFaults(new SyntheticConfig.SilentCell(1, 101, 4)));
        assertThat(count(hits, 0, 101, 0, 4)).isGreaterThan(40);
        assertThat(count(hits, 0, 101, 4, 10)).isZero();
    }

    @Test
    void aHotCellGainsItsExtraRateFromItsTime() {
        List<double[]> healthy = hits(new SyntheticConfig(6, 300, 400, 0));
        List<double[]> hot = hits(new SyntheticConfig(6, 300, 400, 0).withFaults(new SyntheticConfig.HotCell(2, 7, 200, 5)));
        long before = count(healthy, 1, 7, 5, 10);
        long after = count(hot, 1, 7, 5, 10);
        assertThat((double) (after - before)).isCloseTo(200 * 5, within(5 * Math.sqrt(1000)));
        assertThat(count(hot, 1, 7, 0, 5)).isEqualTo(count(healthy, 1, 7, 0, 5));
    }

    @Test
    void aBurstFiresTheGivenNumberOfDistinctChannelsInEachOfItsOrbits() {
        List<double[]> hits = hits(new SyntheticConfig(7, 5, 0, 0).withFaults(new SyntheticConfig.SynchronousBurst(3, 2.0, 6, 20)));
        Map<Long, Set<Integer>> byOrbit = new HashMap<>();
        for (double[] h : hits) {
            if (h[0] == 1 && h[1] >= 64 && h[1] < 128 && h[2] >= 2.0 - 1e-6 && h[2] < 2.0 + 5.5 * ORBIT_NS / 1e9) {
                byOrbit.computeIfAbsent(Math.round((h[2] - 2.0) * 1e9 / ORBIT_NS), k -> new HashSet<>()).add((int) h[1]);
            }
        }
        assertThat(byOrbit).hasSize(6);
        assertThat(byOrbit.values()).allSatisfy(channels -> assertThat(channels).hasSizeGreaterThanOrEqualTo(20));
    }
}
