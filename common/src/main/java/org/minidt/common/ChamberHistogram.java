package org.minidt.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.minidt.common.WindowSummary.ChamberSummary;

/** The histograms every chamber carries in a {@link WindowSummary}, with the names and titles exports give them. */
public enum ChamberHistogram {
    OCCUPANCY("occupancy", "Occupancy", "TDC_CHANNEL", ChamberSummary::occupancy),
    ACTIVE_CHANNELS_PER_ORBIT("active_channels_per_orbit", "Active channels per orbit", "distinct channels hit in an orbit",
            ChamberSummary::activeChannelsPerOrbit),
    MATCHED_OCCUPANCY("matched_occupancy", "Scintillator-matched occupancy", "TDC_CHANNEL", ChamberSummary::matchedOccupancy),
    DRIFT_TIME_NS("drift_time_ns", "Drift time", "t_hit - t0 + offset [ns]", ChamberSummary::driftTimeNs);

    /** The JSON field name in WindowSummary, also used in file names. */
    public final String id;
    public final String title;
    public final String xTitle;
    private final Function<ChamberSummary, Histogram> of;

    ChamberHistogram(String id, String title, String xTitle, Function<ChamberSummary, Histogram> of) {
        this.id = id;
        this.title = title;
        this.xTitle = xTitle;
        this.of = of;
    }

    public Histogram of(ChamberSummary chamber) {
        return of.apply(chamber);
    }

    /** ROOT object name, e.g. {@code chamber0_occupancy}. */
    public String rootName(int chamber) {
        return "chamber" + chamber + "_" + id;
    }

    /** The chamber's histogram as a ROOT TH1D in JSON, titled with the run. */
    public ObjectNode toTh1(String run, ChamberSummary chamber) {
        return Th1Json.of(rootName(chamber.chamber()), title + ", chamber " + chamber.chamber() + ", run " + run, xTitle, of(chamber));
    }
}
