package org.minidt.common;

import org.apache.kafka.common.serialization.Serdes;

/**
 * The Kafka topics the services talk through, each with its serdes: one place, so no service spells a name or
 * picks a serde differently.
 */
public final class Topics {
    /** DAQ words as sent by the emulator: one record per frame of lines (packed or text), keyed by run (see {@link RawFrame}). */
    public static final Topic<byte[], byte[]> RAW_HITS = new Topic<>("minidt.raw-hits", Serdes.ByteArray(), Serdes.ByteArray());
    /** Raw records the processor could not use, with the original bytes and a reason header (see {@link DeadLetter}). */
    public static final Topic<byte[], byte[]> RAW_HITS_DLQ = new Topic<>("minidt.raw-hits.dlq", Serdes.ByteArray(), Serdes.ByteArray());
    /** One JSON {@link WindowSummary} per closed time window. */
    public static final Topic<String, WindowSummary> RESULTS = new Topic<>("minidt.results", Serdes.String(), new JsonSerde<>(WindowSummary.class));
    /** Announcements of new DAQ files by a live DAQ: JSON {"url", "time", "filename"}. */
    public static final Topic<String, String> DAQ_FILES = new Topic<>("minidt.daq-files", Serdes.String(), Serdes.String());
    /**
     * Where each emulator keeps how far it got (run, object, line), written in the same Kafka transaction as
     * the words themselves; compacted, keyed by emulator id.
     */
    public static final Topic<byte[], byte[]> EMULATOR_POSITIONS = new Topic<>("minidt.emulator-positions", Serdes.ByteArray(),
            Serdes.ByteArray());

    /** Quality judgements: one {@link QualityVerdict} per check per scope, per window and for the run so far; keyed by run. */
    public static final Topic<String, QualityVerdict> QUALITY = new Topic<>("minidt.quality", Serdes.String(), new JsonSerde<>(QualityVerdict.class));
    /** The reference run of each detector setup ({@link QualityReference}); compacted, keyed by setup. */
    public static final Topic<String, QualityReference> REFERENCES = new Topic<>("minidt.references", Serdes.String(),
            new JsonSerde<>(QualityReference.class));
    /** Requests to make a run the reference of a setup ({@link ReferenceRequest}); keyed by setup. */
    public static final Topic<String, ReferenceRequest> REFERENCE_REQUESTS = new Topic<>("minidt.reference-requests", Serdes.String(),
            new JsonSerde<>(ReferenceRequest.class));

    /** Raw hits are spread over at least this many partitions so processor instances can share them. */
    public static final int RAW_HITS_PARTITIONS = 8;

    private Topics() {
    }
}
