package org.minidt.quality;

import java.util.ArrayList;
import java.util.List;
import org.minidt.common.Histogram;
import org.minidt.common.QualityVerdict.Span;
import org.minidt.common.WindowSummary;
import org.minidt.common.WindowSummary.ChamberSummary;

/**
 * What a check looks at: the four chambers' histograms over a span of a run (one window, the run so far, or a
 * reference run). The run so far is built by adding windows, and a revised window is swapped in by subtracting
 * the old one and adding the new. {@code occupancySpread} and {@code driftTimeSpread} are, per chamber and bin, the
 * sum over the windows of n^2 / N (n the bin's entries, N the histogram's): what the window-to-window spread of a
 * reference's bins is computed from ({@link Dispersion}).
 */
record Sample(Span span, List<ChamberSummary> chambers, List<double[]> occupancySpread, List<double[]> driftTimeSpread) {

    static Sample of(WindowSummary w) {
        WindowSummary.Window win = w.window();
        return new Sample(new Span(Span.WINDOW, win.index(), win.index(), 1, win.sizeMs() / 1000.0, win.detectorStartNs(),
                win.detectorEndNs(), win.wallStartMs(), win.wallEndMs()), w.chambers(),
                w.chambers().stream().map(c -> spreadOf(c.occupancy())).toList(), w.chambers().stream().map(c -> spreadOf(c.driftTimeNs())).toList());
    }

    /** One window's n^2 / N per bin. */
    private static double[] spreadOf(Histogram h) {
        long[] n = h.binCounts();
        double total = h.inRange();
        double[] out = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            out[i] = total == 0 ? 0 : n[i] * (double) n[i] / total;
        }
        return out;
    }

    /**
     * This run-so-far sample with window {@code w} added ({@code sign} = 1) or taken out again (-1). A window
     * binned differently (the processor was reconfigured) starts the sum again from it.
     */
    Sample plus(WindowSummary w, int sign) {
        Sample one = of(w);
        if (chambers.isEmpty() || !sameBinning(w)) {
            return new Sample(new Span(Span.RUN, one.span.firstIndex(), one.span.lastIndex(), 1, one.span.seconds(),
                    one.span.detectorStartNs(), one.span.detectorEndNs(), one.span.wallStartMs(), one.span.wallEndMs()), w.chambers(),
                    one.occupancySpread, one.driftTimeSpread);
        }
        Span s = one.span;
        Span sum = new Span(Span.RUN, Math.min(span.firstIndex(), s.firstIndex()), Math.max(span.lastIndex(), s.lastIndex()),
                span.windows() + sign, span.seconds() + sign * s.seconds(), Math.min(span.detectorStartNs(), s.detectorStartNs()),
                Math.max(span.detectorEndNs(), s.detectorEndNs()), Math.min(span.wallStartMs(), s.wallStartMs()),
                Math.max(span.wallEndMs(), s.wallEndMs()));
        List<ChamberSummary> summed = new ArrayList<>();
        List<double[]> spread = new ArrayList<>();
        List<double[]> driftSpread = new ArrayList<>();
        for (int i = 0; i < chambers.size(); i++) {
            spread.add(plus(occupancySpread.get(i), one.occupancySpread.get(i), sign));
            driftSpread.add(plus(driftTimeSpread.get(i), one.driftTimeSpread.get(i), sign));
            ChamberSummary a = chambers.get(i);
            ChamberSummary b = w.chambers().get(i);
            summed.add(new ChamberSummary(a.chamber(), a.fpga(), a.firstChannel(), a.hits() + sign * b.hits(),
                    a.matchedHits() + sign * b.matchedHits(), a.occupancy().plus(b.occupancy(), sign),
                    a.activeChannelsPerOrbit().plus(b.activeChannelsPerOrbit(), sign),
                    a.matchedOccupancy().plus(b.matchedOccupancy(), sign), a.driftTimeNs().plus(b.driftTimeNs(), sign)));
        }
        return new Sample(sum, summed, spread, driftSpread);
    }

    private static double[] plus(double[] a, double[] b, int sign) {
        double[] out = a.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] += sign * b[k];
        }
        return out;
    }

    static Sample empty() {
        return new Sample(new Span(Span.RUN, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), List.of(), List.of());
    }

    private boolean sameBinning(WindowSummary w) {
        for (int i = 0; i < chambers.size(); i++) {
            ChamberSummary a = chambers.get(i);
            ChamberSummary b = w.chambers().get(i);
            if (!a.occupancy().sameBinning(b.occupancy()) || !a.activeChannelsPerOrbit().sameBinning(b.activeChannelsPerOrbit())
                    || !a.driftTimeNs().sameBinning(b.driftTimeNs())) {
                return false;
            }
        }
        return w.chambers().size() == chambers.size();
    }
}
