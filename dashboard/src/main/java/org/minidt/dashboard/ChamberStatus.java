package org.minidt.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * The verdict on one chamber's channel occupancy, shown on its status tile.
 *
 * @param deadChannels TDC_CHANNEL values of the dead cells
 * @param noisyChannels TDC_CHANNEL values of the noisy cells
 * @param referenceEntries the median entries per cell over all chambers the verdict compares against
 */
public record ChamberStatus(int chamber, Level level, List<Integer> deadChannels, List<Integer> noisyChannels,
        double referenceEntries) {

    /** Worst first: a chamber with dead and noisy cells is shown as DEAD_CHANNELS, the counts name both. */
    public enum Level { DEAD_CHANNELS, NOISY_CHANNELS, TOO_FEW_ENTRIES, OK }

    /** Judges each chamber's occupancy against the median cell of all four chambers. */
    public static List<ChamberStatus> judge(List<ChamberSummary> chambers, StatusThresholds thresholds) {
        double median = medianCellEntries(chambers);
        List<ChamberStatus> verdicts = new ArrayList<>();
        for (ChamberSummary c : chambers) {
            if (median < thresholds.minMedianEntries()) {
                verdicts.add(new ChamberStatus(c.chamber(), Level.TOO_FEW_ENTRIES, List.of(), List.of(), median));
                continue;
            }
            List<Integer> dead = new ArrayList<>();
            List<Integer> noisy = new ArrayList<>();
            long[] counts = c.occupancy().binCounts();
            for (int i = 0; i < counts.length; i++) {
                int channel = (int) c.occupancy().binEdges()[i];
                if (counts[i] < thresholds.deadFraction() * median) {
                    dead.add(channel);
                } else if (counts[i] > thresholds.noisyFactor() * median) {
                    noisy.add(channel);
                }
            }
            Level level = !dead.isEmpty() ? Level.DEAD_CHANNELS : !noisy.isEmpty() ? Level.NOISY_CHANNELS : Level.OK;
            verdicts.add(new ChamberStatus(c.chamber(), level, dead, noisy, median));
        }
        return verdicts;
    }

    private static double medianCellEntries(List<ChamberSummary> chambers) {
        long[] all = chambers.stream().flatMapToLong(c -> Arrays.stream(c.occupancy().binCounts())).sorted().toArray();
        if (all.length == 0) {
            return 0;
        }
        int mid = all.length / 2;
        return all.length % 2 == 1 ? all[mid] : (all[mid - 1] + all[mid]) / 2.0;
    }
}
