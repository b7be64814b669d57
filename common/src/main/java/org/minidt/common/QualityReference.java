package org.minidt.common;

import java.util.List;

/**
 * The message on {@link Topics#REFERENCES} (compacted, key = detector setup): the run the quality service judges
 * the setup's runs against, as that run's cumulative histograms. Checks scale it to the statistics they compare.
 *
 * @param setup the detector setup it is the reference of (the record key)
 * @param run the reference run's id: its name on the page
 * @param createdMs when it was made the reference
 * @param span the windows it sums (kind "run")
 * @param chambers the four chambers' histograms summed over those windows, in index order
 * @param occupancySpread per chamber and cell, the sum over the windows of n^2 / N (n the cell's hits, N its
 *                        chamber's): with the sums it gives each cell's window-to-window spread beyond Poisson
 * @param driftTimeSpread the same per chamber and drift-time bin
 */
public record QualityReference(int schema, String setup, String run, long createdMs, QualityVerdict.Span span,
                               List<WindowSummary.ChamberSummary> chambers, List<double[]> occupancySpread, List<double[]> driftTimeSpread) {
    public static final int SCHEMA_VERSION = 1;
}
