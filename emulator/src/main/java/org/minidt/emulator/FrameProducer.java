package org.minidt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.minidt.common.DeadLetter;
import org.minidt.common.RawFrame;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;

/**
 * Gathers DAQ lines into packed {@link RawFrame}s (hits parsed once here, so the processor parses no text for them:
 * docs/emulator.md, "Record encoding") and sends them with a transactional (hence idempotent) producer.
 *
 * <p>The record timestamp is the send time: detector time can be days away from the wall clock (ancillary
 * counters, files of other runs), and brokers refuse timestamps too far in the future.
 *
 * <p>A frame is sent when it is full or when its first line has waited {@code frameDelayMs}, so at low rates
 * words still reach the processor within tens of milliseconds. Every {@code commitIntervalMs} the open
 * transaction is committed together with the emulator's position (the last line it holds): a restarted
 * emulator resumes right after it, and a killed one leaves only an aborted transaction, invisible to
 * read_committed consumers. Nothing is sent twice, nothing is skipped.
 *
 * <p>It also speaks for the run it sends ({@link SourceMarker}s, in the same transactions as the frames, after
 * the frames they speak for): PROGRESS with how far in detector time the source vouches it has sent
 * everything, and END_OF_RUN when the run is over. It keeps the newest hit time sent, the lower bound of
 * that vouch.
 */
final class FrameProducer implements AutoCloseable {
    static final int MAX_FRAME_LINES = 4096;
    static final int MAX_FRAME_BYTES = 128 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String bootstrapServers;
    private final String emulatorId;
    private final EmulatorStatus status;
    private final long frameDelayNanos;
    private final long commitIntervalNanos;
    private final RawFrame.Builder frame = new RawFrame.Builder(RawFrame.Encoding.PACKED);
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private ReplayRun frameRun;
    private String frameSource;
    private long frameFirstLine;
    private long frameOpenedNanos;
    private EmulatorPosition uncommitted;
    private long uncommittedLines;
    private boolean abandoned;
    private boolean inTransaction;
    private long transactionStartNanos;
    /** The run being sent (null between runs), where in it, and the newest hit time sent in it. */
    private ReplayRun run;
    private String runSource;
    private long runLine;
    private long newestTicks;
    private long lastProgressNanos;
    private final long progressIntervalNanos;

    FrameProducer(String bootstrapServers, String emulatorId, EmulatorStatus status, EmulatorConfig.Sending sending) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "minidt-emulator-" + emulatorId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // A read_committed reader sees the records only when their transaction commits, and the commit sends whatever
        // still waits: records may wait for the commit at no cost in latency, in one request per transaction rather than
        // one per frame (docs/benchmarks.md, eighth session). A full batch still goes at once.
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(sending.commitIntervalMs()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.bootstrapServers = bootstrapServers;
        this.emulatorId = emulatorId;
        this.status = status;
        this.frameDelayNanos = sending.frameDelayMs() * 1_000_000L;
        this.commitIntervalNanos = sending.commitIntervalMs() * 1_000_000L;
        this.progressIntervalNanos = sending.progressIntervalMs() * 1_000_000L;
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Starts (or, after a restart, resumes) sending {@code run}, whose words up to detector time
     * {@code sourceTicks} are on the topic, at line {@code line} of {@code source}; sends its first PROGRESS.
     */
    void beginRun(ReplayRun run, String source, long line, long sourceTicks) {
        this.run = run;
        this.runSource = source;
        this.runLine = line;
        this.newestTicks = sourceTicks;
        progress(Pacer.NO_TIME);
    }

    /** The run being sent, or null between runs. */
    ReplayRun run() {
        return run;
    }

    /**
     * Adds line {@code lineNumber} of {@code source} to the run begun last; {@code packedHit} is what
     * {@link org.minidt.common.DaqWordParser#wellFormedHit} gives for it, {@code ticks} its hit time
     * ({@link Pacer#NO_TIME} when it is not a hit). A new source or a gap in the line numbers starts a new frame.
     */
    void add(String source, long lineNumber, byte[] line, int length, long packedHit, long ticks) {
        if (frame.lineCount() > 0 && (run != frameRun || !source.equals(frameSource) || lineNumber != frameFirstLine + frame.lineCount())) {
            flush();
        }
        runSource = source;
        runLine = lineNumber;
        if (ticks != Pacer.NO_TIME && ticks > newestTicks) {
            newestTicks = ticks;
        }
        if (frame.lineCount() == 0) {
            frameRun = run;
            frameSource = source;
            frameFirstLine = lineNumber;
            frameOpenedNanos = System.nanoTime();
        }
        frame.add(line, length, packedHit);
        if (frame.lineCount() >= MAX_FRAME_LINES || frame.byteCount() >= MAX_FRAME_BYTES) {
            flush();
        }
    }

    /**
     * Sends the open frame if it has waited long enough, a PROGRESS marker if one is due, and commits if the
     * transaction is old enough. {@code vouchedTicks}: detector time up to which the source has sent everything
     * beyond the newest hit sent (the paced clock while a speed-paced word waits), or {@link Pacer#NO_TIME}.
     */
    void tick(long vouchedTicks) {
        long now = System.nanoTime();
        if (frame.lineCount() > 0 && now - frameOpenedNanos >= frameDelayNanos) {
            flush();
        }
        if (run != null && now - lastProgressNanos >= progressIntervalNanos) {
            progress(vouchedTicks);
        }
        if (inTransaction && now - transactionStartNanos >= commitIntervalNanos) {
            commit();
        }
    }

    void tick() {
        tick(Pacer.NO_TIME);
    }

    /**
     * Dead-letters line {@code lineNumber} of {@code source}, too long to send ({@code length} bytes; its first
     * {@code kept} bytes are in {@code prefix}), in the transaction of the lines around it: the frame before it
     * goes first, and the position moves past it, so a restart neither repeats nor loses it.
     */
    void deadLetter(String source, long lineNumber, byte[] prefix, int kept, long length, String reason) {
        flush();
        begin();
        byte[] key = run.runId().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(key, Arrays.copyOf(prefix, kept), reason, source, lineNumber);
        Headers headers = letter.headers().add(DeadLetter.HEADER_LENGTH, Long.toString(length).getBytes(StandardCharsets.US_ASCII));
        producer.send(new ProducerRecord<>(Topics.RAW_HITS_DLQ.name(), null, System.currentTimeMillis(), key, letter.original(), headers),
                this::onSent);
        runSource = source;
        runLine = lineNumber;
        uncommitted = EmulatorPosition.of(run, source, lineNumber, newestTicks, false);
    }

    /** Ends the run begun last: END_OF_RUN (after its last frame) and the position saying so, committed. */
    void endRun() {
        flush();
        begin();
        producer.send(new SourceMarker(run.info(), runSource, SourceMarker.Kind.END_OF_RUN, newestTicks)
                .toProducerRecord(System.currentTimeMillis()), this::onSent);
        uncommitted = EmulatorPosition.of(run, runSource, runLine, newestTicks, true);
        commit();
        run = null;
    }

    /** Sends PROGRESS for the run (after the words it speaks for); it is committed with the next commit. */
    private void progress(long vouchedTicks) {
        flush();
        begin();
        producer.send(new SourceMarker(run.info(), runSource, SourceMarker.Kind.PROGRESS, Math.max(newestTicks, vouchedTicks))
                .toProducerRecord(System.currentTimeMillis()), this::onSent);
        lastProgressNanos = System.nanoTime();
    }

    /** Commits everything added so far, with the position after it; returns once the broker has it. */
    void commit() {
        commit(null, null);
    }

    /** Commits everything added so far together with a consumer's offsets (the follower's announcements). */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        flush();
        if (!inTransaction && offsets == null) {
            return;
        }
        begin();
        if (uncommitted != null) {
            producer.send(Positions.record(emulatorId, uncommitted), this::onSent);
        }
        if (offsets != null) {
            producer.sendOffsetsToTransaction(offsets, group);
        }
        // A lost broker blocks the commit (up to max.block.ms): the progress line says what the emulator waits for.
        status.waiting("Kafka at " + bootstrapServers + " to commit (since " + LocalTime.now().withNano(0) + ")");
        producer.commitTransaction();
        status.waiting("");
        throwIfFailed();
        status.committed(uncommittedLines);
        uncommittedLines = 0;
        uncommitted = null;
        inTransaction = false;
    }

    private void flush() {
        if (frame.lineCount() == 0) {
            return;
        }
        throwIfFailed();
        int lines = frame.lineCount();
        long lastLine = frameFirstLine + lines - 1;
        RawFrame f = frame.build(frameRun.info(), frameSource, frameFirstLine);
        begin();
        producer.send(f.toProducerRecord(Topics.RAW_HITS.name(), System.currentTimeMillis()), this::onSent);
        uncommitted = EmulatorPosition.of(frameRun, frameSource, lastLine, newestTicks, false);
        uncommittedLines += lines;
    }

    private void onSent(RecordMetadata md, Exception e) {
        if (e != null) {
            sendFailure.compareAndSet(null, e);
        }
    }

    /** Opens a transaction unless one is open: only when there is something to send, so an idle emulator holds none. */
    private void begin() {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
            transactionStartNanos = System.nanoTime();
        }
    }

    private void throwIfFailed() {
        Exception e = sendFailure.get();
        if (e != null) {
            throw new KafkaException("sending to " + Topics.RAW_HITS.name() + " failed: " + e, e);
        }
    }

    /**
     * Gives the producer up after a lost broker, at once (no waiting for a broker that is not there): its
     * open transaction is aborted by the broker, or by the next producer with the same transactional id.
     */
    void abandon() {
        abandoned = true;
        producer.close(Duration.ZERO);
    }

    /** Closes without committing: whatever is not committed yet is aborted, and a restart sends it again. */
    @Override
    public void close() {
        if (!abandoned) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
