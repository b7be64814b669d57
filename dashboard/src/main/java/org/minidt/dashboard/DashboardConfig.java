package org.minidt.dashboard;

import org.minidt.common.CellMap;
import org.minidt.common.S3Settings;

/**
 * @param host address to bind: 127.0.0.1 by default; 0.0.0.0 opens the page to the network
 * @param port HTTP port; 0 picks a free one
 * @param historyMinutes span of recent windows kept for the rate trend and /api/windows
 * @param maxReadbackHours upper bound on how far back the results topic is read at start to rebuild the
 *        current run's cumulative sums (a longer run's sums then start at that point, and say so)
 * @param thresholds when a chamber status tile says dead / noisy / too few entries
 * @param cellMap which TDC channel is which cell, for the cell maps (docs/detector.md)
 * @param archive the archiver's results bucket, read for the run history; null for none
 * @param reference which setup's reference run the quality view shows, and who may change it
 */
public record DashboardConfig(String bootstrapServers, String host, int port, long historyMinutes, long maxReadbackHours,
        StatusThresholds thresholds, CellMap cellMap, S3Settings archive, ReferenceAccess reference) {

    /**
     * @param setup the detector setup whose reference the quality view shows and the page may change
     * @param token lets other hosts change the reference when they send it ("" = only this machine may)
     */
    public record ReferenceAccess(String setup, String token) {
        public static final ReferenceAccess DEFAULT = new ReferenceAccess("minidt", "");

        public ReferenceAccess {
            token = token == null ? "" : token;
        }
    }

    public DashboardConfig {
        if (historyMinutes < 1) {
            throw new IllegalArgumentException("history must be at least 1 minute, got " + historyMinutes);
        }
        if (maxReadbackHours < 1) {
            throw new IllegalArgumentException("the read-back limit must be at least 1 hour, got " + maxReadbackHours);
        }
    }

    /** Defaults for everything but where to read and where to listen. */
    public static DashboardConfig defaults(String bootstrapServers, String host, int port) {
        return new DashboardConfig(bootstrapServers, host, port, 15, 24, StatusThresholds.DEFAULTS, CellMap.DEFAULT, null,
                ReferenceAccess.DEFAULT);
    }

    /** The same, with the run history read from this archive bucket. */
    public DashboardConfig withArchive(S3Settings results) {
        return new DashboardConfig(bootstrapServers, host, port, historyMinutes, maxReadbackHours, thresholds, cellMap, results, reference);
    }

    public DashboardConfig withQuality(String setup, String referenceToken) {
        return new DashboardConfig(bootstrapServers, host, port, historyMinutes, maxReadbackHours, thresholds, cellMap, archive,
                new ReferenceAccess(setup, referenceToken));
    }
}
