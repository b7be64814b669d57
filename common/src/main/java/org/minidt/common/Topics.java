package org.minidt.common;

/** Names of the Kafka topics the services talk through: one place, so no service spells them differently. */
public final class Topics {
    /** DAQ words as sent by the emulator: one record per frame of text lines, keyed by run (see {@link RawFrame}). */
    public static final String RAW_HITS = "minidt.raw-hits";
    /** Raw records the processor could not use, with the original bytes and a reason header (see {@link DeadLetter}). */
    public static final String RAW_HITS_DLQ = "minidt.raw-hits.dlq";
    /** One JSON {@link WindowSummary} per closed time window. */
    public static final String RESULTS = "minidt.results";
    /** Announcements of new DAQ files by a live DAQ: JSON {"url", "time", "filename"}. */
    public static final String DAQ_FILES = "minidt.daq-files";
    /**
     * Where each emulator keeps how far it got (run, object, line), written in the same Kafka transaction as
     * the words themselves; compacted, keyed by emulator id.
     */
    public static final String EMULATOR_POSITIONS = "minidt.emulator-positions";

    /** Raw hits are spread over at least this many partitions so processor instances can share them. */
    public static final int RAW_HITS_PARTITIONS = 8;

    private Topics() {
    }
}
