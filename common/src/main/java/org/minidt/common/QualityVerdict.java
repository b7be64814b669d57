package org.minidt.common;

import java.util.Map;

/**
 * The message on {@link Topics#QUALITY}: the judgement of one check on one scope of a run, for one window or
 * for the run so far. JSON with snake_case names ({@link Json}); the JSON Schema is
 * {@code common/src/main/resources/schema/quality-verdict.schema.json}. Bump {@link #SCHEMA_VERSION} on any
 * change that a reader could notice.
 *
 * @param check the check's name (docs/quality.md lists them)
 * @param reason what a shift crew needs to know, in words, e.g. "cell L2-W07 (ch 27): 0 hits in 1.0 s, expected 42"
 * @param value the measured number the quality was decided on (null when there is none)
 * @param thresholds the limits the value was compared with, by name (e.g. "bad_below")
 * @param details further numbers for the page (fit parameters and errors, expected counts)
 * @param reference the reference run compared with, null when none was needed or none is set
 * @param emittedMs wall-clock time the quality service judged it
 */
public record QualityVerdict(
        int schema,
        String run,
        Span span,
        Scope scope,
        String check,
        Quality quality,
        String reason,
        Double value,
        Map<String, Double> thresholds,
        Map<String, Double> details,
        String reference,
        long emittedMs) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * What was judged: one window ({@code kind = "window"}, first = last index) or all windows of the run so far
     * ({@code kind = "run"}, first .. last index seen), with their detector and wall times and the live seconds
     * (sum of the window sizes).
     */
    public record Span(String kind, long firstIndex, long lastIndex, long windows, double seconds, long detectorStartNs,
                       long detectorEndNs, long wallStartMs, long wallEndMs) {
        public static final String WINDOW = "window";
        public static final String RUN = "run";
    }

    /**
     * Where: the detector, one chamber, or one cell (chamber, layer 1..4, wire 1..16, TDC channel and its label).
     * Fields that do not apply are null.
     */
    public record Scope(String kind, Integer chamber, Integer layer, Integer wire, Integer channel, String label) {
        public static final String DETECTOR = "detector";
        public static final String CHAMBER = "chamber";
        public static final String CELL = "cell";

        public static Scope detector() {
            return new Scope(DETECTOR, null, null, null, null, "detector");
        }

        public static Scope chamber(int chamber) {
            return new Scope(CHAMBER, chamber, null, null, null, "chamber " + chamber);
        }
    }
}
