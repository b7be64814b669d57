package org.minidt.common;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@link Histogram} as ROOT's JSON form of a {@code TH1D} (what ROOT's TBufferJSON writes and JSROOT reads),
 * so physicists open our plots with JSROOT or ROOT without our software. {@code fArray} holds nbins + 2
 * values: the underflow first, the bins, the overflow last. Equal-width edges (every {@link Binning}) give a
 * fixed axis; other edges go to {@code fXaxis.fXbins}. The sums of weights use the bin centres: the exact
 * values were not kept, as in any filled histogram. Fields not listed keep ROOT's defaults.
 */
public final class Th1Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** ROOT's "not set" for fMinimum / fMaximum. */
    private static final double UNSET = -1111;

    private Th1Json() {
    }

    /** The TH1D named {@code name} (ROOT object name), with a plot title and an x-axis title. */
    public static ObjectNode of(String name, String title, String xTitle, Histogram h) {
        double[] edges = h.binEdges();
        long[] counts = h.binCounts();
        int bins = counts.length;
        ArrayNode array = NODES.arrayNode(bins + 2);
        array.add(h.underflow());
        double sumW = 0;
        double sumWx = 0;
        double sumWx2 = 0;
        for (int i = 0; i < bins; i++) {
            array.add(counts[i]);
            double centre = (edges[i] + edges[i + 1]) / 2;
            sumW += counts[i];
            sumWx += counts[i] * centre;
            sumWx2 += counts[i] * centre * centre;
        }
        array.add(h.overflow());

        ObjectNode o = NODES.objectNode();
        o.put("_typename", "TH1D");
        o.put("fUniqueID", 0);
        o.put("fBits", 8);
        o.put("fName", name);
        o.put("fTitle", title);
        o.put("fLineColor", 602);
        o.put("fLineStyle", 1);
        o.put("fLineWidth", 1);
        o.put("fFillColor", 0);
        o.put("fFillStyle", 1001);
        o.put("fMarkerColor", 1);
        o.put("fMarkerStyle", 1);
        o.put("fMarkerSize", 1);
        o.put("fNcells", bins + 2);
        o.set("fXaxis", axis("xaxis", xTitle, bins, edges[0], edges[bins], uniform(edges) ? null : edges));
        o.set("fYaxis", axis("yaxis", "entries", 1, 0, 1, null));
        o.set("fZaxis", axis("zaxis", "", 1, 0, 1, null));
        o.put("fBarOffset", 0);
        o.put("fBarWidth", 1000);
        o.put("fEntries", (double) (sumW + h.underflow() + h.overflow()));
        o.put("fTsumw", sumW);
        o.put("fTsumw2", sumW);
        o.put("fTsumwx", sumWx);
        o.put("fTsumwx2", sumWx2);
        o.put("fMaximum", UNSET);
        o.put("fMinimum", UNSET);
        o.put("fNormFactor", 0);
        o.set("fContour", NODES.arrayNode());
        o.set("fSumw2", NODES.arrayNode());
        o.put("fOption", "");
        ObjectNode functions = o.putObject("fFunctions");
        functions.put("_typename", "TList");
        functions.put("name", "TList");
        functions.set("arr", NODES.arrayNode());
        functions.set("opt", NODES.arrayNode());
        o.put("fBufferSize", 0);
        o.set("fBuffer", NODES.arrayNode());
        o.put("fBinStatErrOpt", 0);
        o.put("fStatOverflows", 2);
        o.set("fArray", array);
        return o;
    }

    private static ObjectNode axis(String name, String title, int bins, double min, double max, double[] edges) {
        ObjectNode a = NODES.objectNode();
        a.put("_typename", "TAxis");
        a.put("fUniqueID", 0);
        a.put("fBits", 0);
        a.put("fName", name);
        a.put("fTitle", title);
        a.put("fNdivisions", 510);
        a.put("fAxisColor", 1);
        a.put("fLabelColor", 1);
        a.put("fLabelFont", 42);
        a.put("fLabelOffset", 0.005);
        a.put("fLabelSize", 0.035);
        a.put("fTickLength", 0.03);
        a.put("fTitleOffset", 1);
        a.put("fTitleSize", 0.035);
        a.put("fTitleColor", 1);
        a.put("fTitleFont", 42);
        a.put("fNbins", bins);
        a.put("fXmin", min);
        a.put("fXmax", max);
        ArrayNode xbins = a.putArray("fXbins");
        if (edges != null) {
            for (double e : edges) {
                xbins.add(e);
            }
        }
        a.put("fFirst", 0);
        a.put("fLast", 0);
        a.put("fBits2", 0);
        a.put("fTimeDisplay", false);
        a.put("fTimeFormat", "");
        a.putNull("fLabels");
        a.putNull("fModLabs");
        return a;
    }

    /** True when the edges are those of {@code new Binning(first, last, bins)}, bit for bit. */
    private static boolean uniform(double[] edges) {
        int bins = edges.length - 1;
        Binning b = new Binning(edges[0], edges[bins], bins);
        for (int i = 0; i <= bins; i++) {
            if (Double.compare(b.edge(i), edges[i]) != 0) {
                return false;
            }
        }
        return true;
    }
}
