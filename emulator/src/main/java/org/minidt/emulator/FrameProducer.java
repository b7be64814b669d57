package org.minidt.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.minidt.common.RawFrame;
import org.minidt.common.Topics;
import org.minidt.common.UserError;

/**
 * Gathers DAQ lines into {@link RawFrame}s and sends them with a transactional (hence idempotent) producer.
 *
 * <p>The record timestamp is the send time: detector time can be days away from the wall clock (ancillary
 * counters, files of other runs), and brokers refuse timestamps too far in the future.
 *
 * <p>A frame is sent when it is full or when its first line has waited {@code frameDelayMs}, so at low rates
 * words still reach the processor within tens of milliseconds. Every {@code commitIntervalMs} the open
 * transaction is committed together with the emulator's position (the last line it holds): a restarted
 * emulator resumes right after it, and a killed one leaves only an aborted transaction, invisible to
 * read_committed consumers. Nothing is sent twice, nothing is skipped.
 */
final class FrameProducer implements AutoCloseable {
    static final int MAX_FRAME_LINES = 4096;
    static final int MAX_FRAME_BYTES = 128 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String emulatorId;
    private final EmulatorStatus status;
    private final long frameDelayNanos;
    private final long commitIntervalNanos;
    private final RawFrame.Builder frame = new RawFrame.Builder();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private ReplayRun frameRun;
    private String frameSource;
    private long frameFirstLine;
    private long frameOpenedNanos;
    private EmulatorPosition uncommitted;
    private boolean inTransaction;
    private long transactionStartNanos;

    FrameProducer(String bootstrapServers, String emulatorId, EmulatorStatus status, EmulatorConfig.Sending sending) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "minidt-emulator-" + emulatorId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.emulatorId = emulatorId;
        this.status = status;
        this.frameDelayNanos = sending.frameDelayMs() * 1_000_000L;
        this.commitIntervalNanos = sending.commitIntervalMs() * 1_000_000L;
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close();
            throw new UserError("Kafka at " + bootstrapServers + " refused the emulator's transactions (" + e.getMessage()
                    + ") — check the broker (transactions need transaction.state.log settings that fit the cluster)", e);
        }
    }

    /** Adds line {@code lineNumber} of {@code source}; a new source or a gap in the line numbers starts a new frame. */
    void add(ReplayRun run, String source, long lineNumber, String line) {
        if (frame.lineCount() > 0 && (run != frameRun || !source.equals(frameSource) || lineNumber != frameFirstLine + frame.lineCount())) {
            flush();
        }
        if (frame.lineCount() == 0) {
            frameRun = run;
            frameSource = source;
            frameFirstLine = lineNumber;
            frameOpenedNanos = System.nanoTime();
        }
        frame.add(line);
        if (frame.lineCount() >= MAX_FRAME_LINES || frame.byteCount() >= MAX_FRAME_BYTES) {
            flush();
        }
    }

    /** Sends the open frame if it has waited long enough, and commits if the transaction is old enough. */
    void tick() {
        long now = System.nanoTime();
        if (frame.lineCount() > 0 && now - frameOpenedNanos >= frameDelayNanos) {
            flush();
        }
        if (inTransaction && now - transactionStartNanos >= commitIntervalNanos) {
            commit();
        }
    }

    /** Commits everything added so far, with the position after it; returns once the broker has it. */
    void commit() {
        commit(null, null);
    }

    /** Commits everything added so far together with a consumer's offsets (the follower's announcements). */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        flush();
        if (uncommitted == null && offsets == null) {
            return;
        }
        begin();
        try {
            if (uncommitted != null) {
                producer.send(Positions.record(emulatorId, uncommitted), this::onSent);
            }
            if (offsets != null) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw new UserError("another emulator with id '" + emulatorId + "' took over — run one emulator per --emulator-id", e);
        }
        throwIfFailed();
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
        uncommitted = EmulatorPosition.of(frameRun, frameSource, lastLine);
        status.sent(lines);
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
            throw new IllegalStateException("sending to " + Topics.RAW_HITS.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Closes without committing: whatever is not committed yet is aborted, and a restart sends it again. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
