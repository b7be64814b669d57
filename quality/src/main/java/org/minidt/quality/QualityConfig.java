package org.minidt.quality;

import java.nio.file.Path;
import org.minidt.common.CellMap;

/**
 * Settings of the quality service.
 *
 * @param setup the detector setup whose reference the runs are judged against (key of minidt.references)
 * @param staleAfterMs a run with no new window for this long (wall clock) is STALLED
 * @param thresholds every check's limits
 * @param cellMap which TDC channel is which cell, for the cells' names in verdicts (docs/detector.md)
 */
public record QualityConfig(String bootstrapServers, String applicationId, Path stateDir, String setup, long staleAfterMs,
                            Thresholds thresholds, CellMap cellMap) {
    public static final String DEFAULT_APPLICATION_ID = "minidt-quality";
    public static final String DEFAULT_SETUP = "minidt";
    public static final long DEFAULT_STALE_AFTER_MS = 30_000;

    public QualityConfig {
        if (setup == null || setup.isBlank()) {
            throw new IllegalArgumentException("the detector setup name must not be blank");
        }
        if (staleAfterMs < 1000) {
            throw new IllegalArgumentException("stale-after must be at least 1000 ms (windows are 1..5 s), got " + staleAfterMs);
        }
    }

    public static QualityConfig defaults(String bootstrapServers, Path stateDir) {
        return new QualityConfig(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_SETUP, DEFAULT_STALE_AFTER_MS,
                Thresholds.DEFAULTS, CellMap.DEFAULT);
    }

    public QualityConfig withApplicationId(String id) {
        return new QualityConfig(bootstrapServers, id, stateDir, setup, staleAfterMs, thresholds, cellMap);
    }

    public QualityConfig withSetup(String setup, long staleAfterMs) {
        return new QualityConfig(bootstrapServers, applicationId, stateDir, setup, staleAfterMs, thresholds, cellMap);
    }

    public QualityConfig withCellMap(CellMap cellMap) {
        return new QualityConfig(bootstrapServers, applicationId, stateDir, setup, staleAfterMs, thresholds, cellMap);
    }
}
