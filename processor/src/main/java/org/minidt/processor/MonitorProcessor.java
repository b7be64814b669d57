package org.minidt.processor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.DeadLetter;
import org.minidt.common.MalformedWordException;
import org.minidt.common.PackedHit;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.SourceMarker;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw-hits records into window summaries: decodes frames and source markers, sends what it cannot use to the
 * dead-letter topic, keeps the hits in the window-hits store and each run's {@link WindowLifecycle} in the run store,
 * forwards the window messages the lifecycle emits, and keeps the metrics. When a window is complete is decided by
 * {@link WindowLifecycle} alone.
 */
final class MonitorProcessor implements Processor<byte[], byte[], Void, MonitorOutput>, WindowLifecycle.Host {
    /** How often the wall clock is checked for silent sources. */
    static final Duration SILENCE_CHECK_INTERVAL = Duration.ofMillis(200);
    /**
     * A finished run's state is dropped after this much quiet, so the store does not grow with every run ever seen;
     * frames of the run after that start it afresh.
     */
    static final Duration FORGET_RUN_AFTER = Duration.ofHours(1);
    /** Input sent at most this long ago is live: windows it closes are committed at once (see {@link #emit}). */
    static final Duration LIVE_INPUT_AGE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(MonitorProcessor.class);

    private final ProcessorConfig config;
    /** Wall clock, read fresh: Kafka Streams' currentSystemTimeMs() is cached per poll loop and can lag by seconds under load. */
    private final LongSupplier wallClock;
    private ProcessorContext<Void, MonitorOutput> context;
    private KeyValueStore<String, WindowLifecycle> runs;
    private HitChunks chunks;
    private MonitorMetrics metrics;
    /**
     * Silence counts from here too: the task's start (a restart must not take its backlog for silence) and the end
     * of any stall of this thread (GC, slow commit), seen as a late silence check: input may have waited meanwhile.
     */
    private long activeSinceMs;
    private long lastSilenceCheckMs;
    /** Timestamp of the record being processed, for dead letters and window messages emitted meanwhile. */
    private long recordTimestamp;

    MonitorProcessor(ProcessorConfig config, LongSupplier wallClock) {
        this.config = config;
        this.wallClock = wallClock;
    }

    @Override
    public void init(ProcessorContext<Void, MonitorOutput> context) {
        this.context = context;
        this.runs = context.getStateStore(MonitorTopology.RUN_STORE);
        KeyValueStore<Bytes, byte[]> hitStore = context.getStateStore(MonitorTopology.HIT_STORE);
        this.chunks = new HitChunks(hitStore);
        this.metrics = new MonitorMetrics(context.metrics(), context.taskId().toString());
        this.activeSinceMs = wallClock.getAsLong();
        this.lastSilenceCheckMs = activeSinceMs;
        context.schedule(SILENCE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::closeSilentRuns);
    }

    @Override
    public void close() {
        metrics.close();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long arrivedMs = wallClock.getAsLong();
        recordTimestamp = record.timestamp();
        if (SourceMarker.isMarker(record.headers())) {
            SourceMarker marker;
            try {
                marker = SourceMarker.fromParts(record.key(), record.headers());
            } catch (MalformedWordException e) {
                refuseRecord(record, e);
                return;
            }
            WindowLifecycle run = lifecycleOf(marker.run(), arrivedMs);
            if (marker.kind() == SourceMarker.Kind.END_OF_RUN) {
                run.endOfRun(marker.sourceTicks(), arrivedMs, this);
            } else {
                run.progress(marker.sourceTicks(), arrivedMs, this);
            }
            runs.put(marker.run().runId(), run);
            return;
        }
        RawFrame frame;
        try {
            frame = RawFrame.fromParts(record.key(), record.value(), record.headers());
        } catch (MalformedWordException e) {
            refuseRecord(record, e);
            return;
        }
        WindowLifecycle run = lifecycleOf(frame.run(), arrivedMs);
        FrameWords words = new FrameWords(run, frame);
        frame.forEachWord(words);
        long kept = run.endFrame(arrivedMs, this);
        metrics.frame(words.count, kept);
        runs.put(frame.run().runId(), run);
    }

    private WindowLifecycle lifecycleOf(RunInfo run, long nowMs) {
        WindowLifecycle state = runs.get(run.runId());
        return state == null ? WindowLifecycle.start(config, run, nowMs) : state;
    }

    private void refuseRecord(Record<byte[], byte[]> record, MalformedWordException e) {
        log.warn("record at {} is not a DAQ frame or source marker ({}): sent whole to {}",
                context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
                e.getMessage(), Topics.RAW_HITS_DLQ.name());
        metrics.nonFrame();
        deadLetter(new DeadLetter(record.key(), record.value(), e.getMessage(), "?", 0));
    }

    /** Takes a frame's words into its run: hits as they come (packed), any other line parsed and counted or dead-lettered. */
    private final class FrameWords implements RawFrame.WordVisitor {
        private final WindowLifecycle run;
        private final RawFrame frame;
        long count;

        FrameWords(WindowLifecycle run, RawFrame frame) {
            this.run = run;
            this.frame = frame;
        }

        @Override
        public void hit(long packedHit, long lineNumber) {
            count++;
            keep(packedHit);
        }

        @Override
        public void line(byte[] buf, int from, int to, long lineNumber) {
            count++;
            DaqWord word;
            try {
                word = DaqWordParser.parse(buf, from, to);
            } catch (MalformedWordException e) {
                run.malformed();
                metrics.malformed();
                deadLetter(new DeadLetter(frame.run().runId().getBytes(StandardCharsets.UTF_8),
                        Arrays.copyOfRange(buf, from, to), e.getMessage(), frame.source(), lineNumber));
                return;
            }
            if (word.isHit()) {
                // a hit written otherwise than the DAQ writes it (a CR, leading zeros): same hit
                keep(PackedHit.of(word.toHit()));
            } else {
                run.otherWord(word.head());
            }
        }

        private void keep(long packedHit) {
            if (!run.hit(packedHit)) {
                metrics.late();
            }
        }
    }

    /** Wall-clock punctuation: closes the open windows of runs whose source went silent; drops long-finished runs. */
    private void closeSilentRuns(long nowMs) {
        if (nowMs - lastSilenceCheckMs > 2 * SILENCE_CHECK_INTERVAL.toMillis()) {
            activeSinceMs = nowMs;
        }
        lastSilenceCheckMs = nowMs;
        recordTimestamp = nowMs;
        List<KeyValue<String, WindowLifecycle>> changed = new ArrayList<>();
        List<KeyValue<String, WindowLifecycle>> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, WindowLifecycle> it = runs.all()) {
            while (it.hasNext()) {
                KeyValue<String, WindowLifecycle> kv = it.next();
                if (kv.value.checkSilence(nowMs, activeSinceMs, this) || kv.value.settleEnded(nowMs, activeSinceMs, this)) {
                    changed.add(kv);
                } else if (kv.value.isIdle(nowMs, activeSinceMs, FORGET_RUN_AFTER.toMillis())) {
                    forgotten.add(kv);
                }
            }
        }
        changed.forEach(kv -> runs.put(kv.key, kv.value));
        forgotten.forEach(kv -> {
            log.info("run {} quiet for {} with every window emitted: its state is dropped", kv.key, FORGET_RUN_AFTER);
            kv.value.forget(this);
            runs.delete(kv.key);
        });
    }

    private void deadLetter(DeadLetter letter) {
        Record<byte[], byte[]> record = new Record<>(letter.runKey(), letter.original(), recordTimestamp, letter.headers());
        context.forward(new Record<>(null, new MonitorOutput.DeadLetter(record), recordTimestamp), MonitorTopology.TO_DLQ);
    }

    // ---- WindowLifecycle.Host ----

    @Override
    public void appendHits(String runId, long window, int chunk, long[] hits, int count) {
        chunks.append(runId, window, chunk, hits, count);
    }

    @Override
    public long[] readHits(String runId, long window, int chunkCount) {
        return chunks.read(runId, window, chunkCount);
    }

    @Override
    public void deleteHits(String runId, long window, int chunkCount) {
        chunks.delete(runId, window, chunkCount);
    }

    @Override
    public long wallClockMs() {
        return wallClock.getAsLong();
    }

    @Override
    public void emit(WindowSummary summary) {
        long timestamp = summary.window().wallEndMs();
        context.forward(new Record<>(null, new MonitorOutput.Window(new Record<>(summary.run(), summary, timestamp)), timestamp),
                MonitorTopology.TO_RESULTS);
        metrics.emitted(summary.window().revision(), Math.max(0, summary.window().emittedMs() - summary.window().closableMs()));
        // With exactly-once a reader sees the window only once its transaction commits: for live input ask for that commit
        // now (Kafka Streams commits after the current batch of records) rather than at the next commit interval. Working
        // through a backlog, a commit per window would cost ~40 % of the throughput and nobody waits for each window.
        if (wallClock.getAsLong() - recordTimestamp <= LIVE_INPUT_AGE.toMillis()) {
            context.commit();
        }
    }
}
