package org.minidt.common;

import java.util.List;
import java.util.Map;

/**
 * The message on {@link Topics#RESULTS}: everything the monitor knows about one closed time window of one
 * run. JSON with snake_case names ({@link Json}); the JSON Schema is
 * {@code common/src/main/resources/schema/window-summary.schema.json}. Bump {@link #SCHEMA_VERSION} on any
 * change that a reader could notice.
 *
 * <p>Accounting: every word of the run is counted in exactly one window. A hit counts in the window of
 * its own detector time; any other word (ancillary, malformed, late) counts in the window of the run's
 * stream time when it arrived. So for every window {@code words_read = total_hits +
 * sum(dropped_by_head) + late_words + malformed_words}. A window may be sent again with a higher
 * {@link Window#revision}: that message replaces the earlier ones of the same run and index.
 */
public record WindowSummary(
        int schema,
        String run,
        Window window,
        /* HEAD-2 words kept in this window, chamber and auxiliary channels together. */
        long totalHits,
        /* The four chambers, in index order 0..3. */
        List<ChamberSummary> chambers,
        Scintillator scintillator,
        Accounting accounting,
        Settings settings) {

    public static final int SCHEMA_VERSION = 2;
    /** {@link Window#closedBy}: stream time (newest hit or source progress) passed end + grace + match reach. */
    public static final String CLOSED_BY_STREAM_TIME = "stream-time";
    /** {@link Window#closedBy}: the source said the run ended. */
    public static final String CLOSED_BY_END_OF_RUN = "end-of-run";
    /** {@link Window#closedBy}: nothing at all came from the run's source for the source-silence timeout. */
    public static final String CLOSED_BY_SOURCE_SILENCE = "source-silence";

    /**
     * Where the window lies, and when it was ready (the time model: docs/dashboard.md, "Time"). Detector
     * times are TDC ticks turned into nanoseconds since orbit 0; wall times are epoch milliseconds anchored
     * at the run start ({@link RunInfo}).
     */
    public record Window(
            long index,
            long sizeMs,
            long detectorStartNs,
            long detectorEndNs,
            /* Wall-clock time of the run start, the anchor of the wall times below. */
            long runStartMs,
            /* Detector time from the run start to the window start (index * size): the x of time plots. */
            long sinceRunStartMs,
            long wallStartMs,
            long wallEndMs,
            /* Wall-clock time at which the processor's input allowed the window to close. */
            long closableMs,
            /* Wall-clock time the processor emitted the window. */
            long emittedMs,
            /* Why it was (re-)emitted: CLOSED_BY_STREAM_TIME, CLOSED_BY_END_OF_RUN or CLOSED_BY_SOURCE_SILENCE. */
            String closedBy,
            /*
             * 0 for the first message of the window; 1, 2, ... when words for it arrived after it was emitted: the
             * revision replaces the earlier messages of (run, index), its products computed over all its words.
             */
            int revision,
            /* The source ended the run and this is its newest window. */
            boolean lastInRun) {
    }

    /**
     * One chamber's products.
     * occupancy: hits per TDC_CHANNEL (edges are TDC_CHANNEL values, first_channel .. first_channel + 64).
     * active_channels_per_orbit: over the orbits with at least one hit in this chamber, the number of
     *   distinct TDC channels hit in that orbit (edges 1..65).
     * matched_occupancy: occupancy of the hits matched to a scintillator time t0.
     * drift_time_ns: t_hit - t0 + offset[chamber] of the matched hits.
     */
    public record ChamberSummary(
            int chamber,
            int fpga,
            int firstChannel,
            long hits,
            long matchedHits,
            Histogram occupancy,
            Histogram activeChannelsPerOrbit,
            Histogram matchedOccupancy,
            Histogram driftTimeNs) {
    }

    /** The scintillator (FPGA 1 / TDC_CHANNEL 128) in this window: its hits, and the orbits that have one. */
    public record Scintillator(long hits, long orbits) {
    }

    /** Where every word read went; see the class comment for the invariant. */
    public record Accounting(
            long wordsRead,
            /* Words with HEAD != 2, by HEAD value ("0", "1", "3", "4", "5"). */
            Map<String, Long> droppedByHead,
            long chamberHits,
            /* HEAD-2 words on channels >= 128: scintillator and other auxiliary channels. */
            long nonChamberHits,
            /* Hits whose window had already closed (beyond grace): counted here, never used. */
            long lateWords,
            /* Lines that are not words: sent to minidt.raw-hits.dlq with their reason. */
            long malformedWords) {
    }

    /** The settings the window was computed with, so a reader can interpret it. */
    public record Settings(
            long graceMs,
            /* "same-orbit" (the course's rule) or "time-window". */
            String matching,
            double matchWindowStartNs,
            double matchWindowEndNs,
            /* Drift-time offsets of chambers 0..3 in ns. */
            List<Double> driftOffsetsNs) {
    }
}
