package org.minidt.common;

import java.util.List;
import org.minidt.common.WindowSummary.Accounting;
import org.minidt.common.WindowSummary.ChamberSummary;
import org.minidt.common.WindowSummary.Scintillator;

/**
 * One run summed over the windows the dashboard has seen of it (each window index once). Same field
 * meanings as in WindowSummary; {@code wall_start_ms} is the start of the earliest window included, so a
 * reader sees from when the sums run.
 *
 * @param runStartMs wall-clock run start, as its windows carry it
 */
public record Cumulative(
        String run,
        long runStartMs,
        long windows,
        long firstWindowIndex,
        long lastWindowIndex,
        long wallStartMs,
        long wallEndMs,
        long totalHits,
        List<ChamberSummary> chambers,
        Scintillator scintillator,
        Accounting accounting) {
}
