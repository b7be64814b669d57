package org.minidt.dashboard;

import java.io.IOException;
import java.util.List;
import org.minidt.common.Histogram;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * Reads one minidt.results record value. Beyond JSON syntax it checks what the page relies on (schema
 * version, four chambers in order, every histogram present and non-negative), so a bad message is
 * rejected here with its reason instead of breaking the sums or the page later.
 */
final class ResultsMessage {
    private static final int CHAMBERS = 4;

    /** Why a results message was not used. */
    static final class MalformedResult extends Exception {
        MalformedResult(String reason) {
            super(reason);
        }
    }

    private ResultsMessage() {
    }

    static WindowSummary parse(byte[] value) throws MalformedResult {
        if (value == null) {
            throw new MalformedResult("empty record value");
        }
        WindowSummary w;
        try {
            w = Json.fromBytes(value, WindowSummary.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedResult("not a window summary: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        check(w);
        return w;
    }

    private static void check(WindowSummary w) throws MalformedResult {
        require(w != null, "null message");
        require(w.schema() == WindowSummary.SCHEMA_VERSION, "schema " + w.schema() + ", this dashboard reads schema " + WindowSummary.SCHEMA_VERSION);
        require(w.run() != null && !w.run().isBlank(), "no run id");
        require(w.window() != null && w.window().sizeMs() > 0, "no window or window size");
        require(w.scintillator() != null, "no scintillator block");
        require(w.accounting() != null && w.accounting().droppedByHead() != null, "no accounting block");
        List<ChamberSummary> chambers = w.chambers();
        require(chambers != null && chambers.size() == CHAMBERS, "not exactly " + CHAMBERS + " chambers");
        for (int i = 0; i < CHAMBERS; i++) {
            ChamberSummary c = chambers.get(i);
            require(c != null && c.chamber() == i, "chamber " + i + " missing or out of order");
            for (Histogram h : new Histogram[] {c.occupancy(), c.activeChannelsPerOrbit(), c.matchedOccupancy(), c.driftTimeNs()}) {
                require(h != null && h.binEdges() != null && h.binCounts() != null, "chamber " + i + " lacks a histogram");
                for (long n : h.binCounts()) {
                    require(n >= 0, "chamber " + i + " has a negative bin count");
                }
            }
        }
    }

    private static void require(boolean ok, String reason) throws MalformedResult {
        if (!ok) {
            throw new MalformedResult(reason);
        }
    }
}
