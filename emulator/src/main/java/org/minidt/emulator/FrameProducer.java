package org.minidt.emulator;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.minidt.common.DaqWordParser;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.Topics;

/**
 * Gathers DAQ lines into {@link RawFrame}s and sends them with an idempotent producer. A frame is sent when
 * it is full or when its first line has waited {@code maxFrameDelayMs}, so at low rates words still reach
 * the processor within a few tens of milliseconds.
 */
final class FrameProducer implements AutoCloseable {
    static final int MAX_FRAME_LINES = 4096;
    static final int MAX_FRAME_BYTES = 128 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final long maxFrameDelayNanos;
    private final RawFrame.Builder frame = new RawFrame.Builder();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private String frameSource;
    private long frameFirstLine;
    private long frameOpenedNanos;
    private long frameFirstTicks = Long.MIN_VALUE;
    private long linesSent;

    FrameProducer(String bootstrapServers, long maxFrameDelayMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.maxFrameDelayNanos = maxFrameDelayMs * 1_000_000L;
    }

    /** Adds one course-format line from {@code source} at {@code lineNumber}; a new source starts a new frame. */
    void add(RunInfo run, String source, long lineNumber, String line) {
        if (frame.lineCount() > 0 && (!source.equals(frameSource) || lineNumber != frameFirstLine + frame.lineCount())) {
            flush(run);
        }
        if (frame.lineCount() == 0) {
            frameSource = source;
            frameFirstLine = lineNumber;
            frameOpenedNanos = System.nanoTime();
            frameFirstTicks = Long.MIN_VALUE;
        }
        if (frameFirstTicks == Long.MIN_VALUE) {
            frameFirstTicks = ticksOf(line);
        }
        frame.add(line);
        if (frame.lineCount() >= MAX_FRAME_LINES || frame.byteCount() >= MAX_FRAME_BYTES) {
            flush(run);
        }
    }

    /** Sends the open frame if its first line has waited long enough. */
    void flushIfDue(RunInfo run) {
        if (frame.lineCount() > 0 && System.nanoTime() - frameOpenedNanos >= maxFrameDelayNanos) {
            flush(run);
        }
    }

    void flush(RunInfo run) {
        if (frame.lineCount() == 0) {
            return;
        }
        throwIfFailed();
        int lines = frame.lineCount();
        long ts = frameFirstTicks == Long.MIN_VALUE ? System.currentTimeMillis() : run.wallTimeMs(frameFirstTicks);
        RawFrame f = frame.build(run, frameSource, frameFirstLine);
        producer.send(f.toProducerRecord(Topics.RAW_HITS, ts), (md, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            }
        });
        linesSent += lines;
    }

    long linesSent() {
        return linesSent;
    }

    /** Waits until every frame sent so far is acknowledged by the broker. */
    void drain() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = sendFailure.get();
        if (e != null) {
            throw new IllegalStateException("sending to " + Topics.RAW_HITS + " failed: " + e.getMessage(), e);
        }
    }

    /** Detector time of a line for the record timestamp, or MIN_VALUE when it is not a word. */
    private static long ticksOf(String line) {
        try {
            var w = DaqWordParser.parse(line);
            return w.isHit() ? w.toHit().ticks() : Long.MIN_VALUE;
        } catch (Exception e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
