package org.minidt.processor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.minidt.common.DaqTime;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.DeadLetter;
import org.minidt.common.Hit;
import org.minidt.common.MalformedWordException;
import org.minidt.common.RawFrame;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns frames of DAQ words into window summaries. Each line is parsed; HEAD != 2 words are counted and
 * dropped; hits are stored with their window (by detector time, see {@link HitChunks}); stream time is the
 * newest hit time of the run. A window closes once, when stream time reaches its end + grace + the
 * matching reach (so every t0 its hits may need has arrived), or, after a wall-clock pause of the run's
 * input, when detector time taken to run on with the wall clock gets there. Lateness is judged per frame:
 * a hit is late when its window closed before its frame arrived.
 */
final class MonitorProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String CLOSED_BY_STREAM_TIME = "stream-time";
    static final String CLOSED_BY_WALL_CLOCK = "wall-clock";
    /** How often the wall clock is checked for quiet runs; bounds the extra delay of wall-clock closes. */
    static final Duration QUIET_CHECK_INTERVAL = Duration.ofMillis(200);
    /**
     * A finished run's state (a few hundred bytes) is dropped after this much quiet, so the store does not grow with
     * every run ever seen; frames of the run after that start it afresh.
     */
    static final Duration FORGET_RUN_AFTER = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(MonitorProcessor.class);

    private final ProcessorConfig config;
    /** Wall clock, read fresh: Kafka Streams' currentSystemTimeMs() is cached per poll loop and can lag by seconds under load. */
    private final LongSupplier wallClock;
    private final long windowTicks;
    private final long closeAfterEndTicks;
    private final FrameHits frameHits = new FrameHits();
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, RunState> runs;
    private HitChunks chunks;
    private MonitorMetrics metrics;
    /**
     * Quiet time counts from here too: the task's start (a restart must not take its backlog for a pause) and the end
     * of any stall of this thread (GC, slow commit), seen as a late quiet check: input may have waited meanwhile.
     */
    private long activeSinceMs;
    private long lastQuietCheckMs;

    MonitorProcessor(ProcessorConfig config, LongSupplier wallClock) {
        this.config = config;
        this.wallClock = wallClock;
        this.windowTicks = config.windowTicks();
        this.closeAfterEndTicks = config.graceTicks() + config.matchAheadTicks();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.runs = context.getStateStore(MonitorTopology.RUN_STORE);
        KeyValueStore<Bytes, byte[]> hitStore = context.getStateStore(MonitorTopology.HIT_STORE);
        this.chunks = new HitChunks(hitStore);
        this.metrics = new MonitorMetrics(context.metrics(), context.taskId().toString());
        this.activeSinceMs = wallClock.getAsLong();
        this.lastQuietCheckMs = activeSinceMs;
        context.schedule(QUIET_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::closeQuietWindows);
    }

    @Override
    public void close() {
        metrics.close();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long arrivedMs = wallClock.getAsLong();
        RawFrame frame;
        try {
            frame = RawFrame.fromParts(record.key(), record.value(), record.headers());
        } catch (MalformedWordException e) {
            log.warn("record at {} is not a DAQ frame ({}): sent whole to {}",
                    context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
                    e.getMessage(), Topics.RAW_HITS_DLQ.name());
            metrics.nonFrame();
            deadLetter(new DeadLetter(record.key(), record.value(), e.getMessage(), "?", 0), record.timestamp());
            return;
        }
        String runId = frame.run().runId();
        RunState state = runs.get(runId);
        RunState s = state == null ? new RunState(frame.run()) : state;
        frame.forEachLine((buf, from, to, lineNumber) -> accept(s, frame, buf, from, to, lineNumber, record.timestamp()));
        long lines = frameHits.linesSeen;
        long kept = frameHits.flushTo(chunks, s);
        metrics.frame(lines, kept);
        s.lastInputWallMs = arrivedMs;
        if (s.streamTicks != RunState.NONE) {
            closeWindowsUpTo(s, s.streamTicks, CLOSED_BY_STREAM_TIME, closeTicks -> arrivedMs);
        }
        runs.put(runId, s);
    }

    private void accept(RunState s, RawFrame frame, byte[] buf, int from, int to, long lineNumber, long timestamp) {
        frameHits.linesSeen++;
        DaqWord word;
        try {
            word = DaqWordParser.parse(buf, from, to);
        } catch (MalformedWordException e) {
            s.accountingWindow(windowTicks).malformedWords++;
            metrics.malformed();
            deadLetter(new DeadLetter(frame.run().runId().getBytes(StandardCharsets.UTF_8),
                    Arrays.copyOfRange(buf, from, to), e.getMessage(), frame.source(), lineNumber), timestamp);
            return;
        }
        if (!word.isHit()) {
            s.accountingWindow(windowTicks).droppedByHead[word.head()]++;
            return;
        }
        Hit hit = word.toHit();
        long ticks = hit.ticks();
        long index = s.windowIndexOf(ticks, windowTicks);
        if (s.isClosed(index)) {
            s.accountingWindow(windowTicks).lateWords++;
            metrics.late();
            return;
        }
        frameHits.add(index, PackedHit.pack(hit));
        if (hit.isScintillator()) {
            s.scintillator.add(ticks);
        }
        if (s.streamTicks == RunState.NONE || ticks > s.streamTicks) {
            s.streamTicks = ticks;
        }
    }

    private long closeTicks(RunState s, long index) {
        return s.windowStartTicks(index + 1, windowTicks) + closeAfterEndTicks;
    }

    /**
     * Emits, in order, every open window whose close time is at or before {@code ticks}.
     *
     * @param readyMs when, on the wall clock, detector time reached a given close time (the window's closable_ms)
     */
    private void closeWindowsUpTo(RunState s, long ticks, String closedBy, LongUnaryOperator readyMs) {
        while (!s.open.isEmpty()) {
            Map.Entry<Long, WindowCounts> first = s.open.firstEntry();
            long closeTicks = closeTicks(s, first.getKey());
            if (closeTicks > ticks) {
                return;
            }
            s.open.pollFirstEntry();
            WindowCounts counts = first.getValue();
            long[] hits = chunks.takeAll(s.run.runId(), counts.index, counts.hitChunks);
            long now = wallClock.getAsLong();
            long closableMs = readyMs.applyAsLong(closeTicks);
            WindowSummary summary = WindowProducts.summarize(config, s.run, counts, hits, s.scintillator, closedBy, closableMs, now);
            context.forward(new Record<>(s.run.runId(), summary, summary.window().wallEndMs()), MonitorTopology.RESULTS_SINK);
            metrics.emitted(Math.max(0, now - closableMs));
            s.lastClosedIndex = counts.index;
            // Hits still to come are in later windows and look back at most matchBehind for their t0.
            s.scintillator.pruneBefore(s.windowStartTicks(counts.index + 1, windowTicks) - config.matchBehindTicks());
        }
    }

    /**
     * Wall-clock punctuation: after {@code quietCloseMs} without input, detector time is taken to run on with the wall
     * clock from the last input (or from {@link #activeSinceMs}, whichever is later).
     */
    private void closeQuietWindows(long nowMs) {
        if (nowMs - lastQuietCheckMs > 2 * QUIET_CHECK_INTERVAL.toMillis()) {
            activeSinceMs = nowMs;
        }
        lastQuietCheckMs = nowMs;
        List<KeyValue<String, RunState>> changed = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, RunState> it = runs.all()) {
            while (it.hasNext()) {
                KeyValue<String, RunState> kv = it.next();
                RunState s = kv.value;
                long lastInputMs = Math.max(s.lastInputWallMs, activeSinceMs);
                long quietMs = nowMs - lastInputMs;
                if (s.open.isEmpty() && quietMs >= FORGET_RUN_AFTER.toMillis()) {
                    forgotten.add(kv.key);
                }
                if (s.open.isEmpty() || quietMs < config.quietCloseMs()) {
                    continue;
                }
                long base = s.streamTicks == RunState.NONE ? s.run.startTicks() : s.streamTicks;
                int before = s.open.size();
                closeWindowsUpTo(s, base + quietMs * DaqTime.TICKS_PER_MS, CLOSED_BY_WALL_CLOCK, closeTicks -> lastInputMs
                        + Math.max(config.quietCloseMs(), ceilDiv(closeTicks - base, DaqTime.TICKS_PER_MS)));
                if (s.open.size() != before) {
                    changed.add(kv);
                }
            }
        }
        changed.forEach(kv -> runs.put(kv.key, kv.value));
        forgotten.forEach(runId -> {
            log.info("run {} quiet for {} with every window emitted: its state is dropped", runId, FORGET_RUN_AFTER);
            runs.delete(runId);
        });
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private void deadLetter(DeadLetter letter, long timestamp) {
        context.forward(new Record<>(letter.runKey(), letter.original(), timestamp, letter.headers()), MonitorTopology.DLQ_SINK);
    }

    /** The hits of the frame being processed, grouped by window, until they are stored as one chunk per window. */
    private static final class FrameHits {
        /** Lines of the frame read so far, words or not. */
        long linesSeen;
        private long[] windows = new long[4];
        private long[][] buffers = new long[4][];
        private int[] sizes = new int[4];
        private int count;

        void add(long window, long packedHit) {
            int i = 0;
            while (i < count && windows[i] != window) {
                i++;
            }
            if (i == count) {
                if (count == windows.length) {
                    windows = Arrays.copyOf(windows, count * 2);
                    buffers = Arrays.copyOf(buffers, count * 2);
                    sizes = Arrays.copyOf(sizes, count * 2);
                }
                windows[i] = window;
                buffers[i] = new long[256];
                sizes[i] = 0;
                count++;
            }
            if (sizes[i] == buffers[i].length) {
                buffers[i] = Arrays.copyOf(buffers[i], sizes[i] * 2);
            }
            buffers[i][sizes[i]++] = packedHit;
        }

        /** Stores one chunk per window touched and clears; returns the number of hits stored. */
        long flushTo(HitChunks chunks, RunState s) {
            long total = 0;
            for (int i = 0; i < count; i++) {
                WindowCounts w = s.window(windows[i]);
                chunks.append(s.run.runId(), w.index, w.hitChunks++, buffers[i], sizes[i]);
                total += sizes[i];
                buffers[i] = null;
            }
            count = 0;
            linesSeen = 0;
            return total;
        }
    }
}
