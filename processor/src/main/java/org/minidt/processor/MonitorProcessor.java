package org.minidt.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.minidt.common.Hit;
import org.minidt.common.MalformedWordException;
import org.minidt.common.RawFrame;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns frames of DAQ words into window summaries: parses each word, drops HEAD != 2, counts hits into the
 * tumbling window of their detector time, and emits each window once when stream time passes its end plus
 * grace, or, when the input goes quiet, when the wall clock says so.
 */
final class MonitorProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String CLOSED_BY_STREAM_TIME = "stream-time";
    static final String CLOSED_BY_WALL_CLOCK = "wall-clock";
    private static final Logger log = LoggerFactory.getLogger(MonitorProcessor.class);

    private final ProcessorConfig config;
    private final long windowTicks;
    private final long graceTicks;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, RunState> runs;

    MonitorProcessor(ProcessorConfig config) {
        this.config = config;
        this.windowTicks = RunState.ticksOfMs(config.windowMs());
        this.graceTicks = RunState.ticksOfMs(config.graceMs());
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.runs = context.getStateStore(MonitorTopology.RUN_STORE);
        context.schedule(Duration.ofMillis(200), PunctuationType.WALL_CLOCK_TIME, this::closeQuietWindows);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RawFrame frame;
        try {
            frame = RawFrame.fromParts(record.key(), record.value(), record.headers());
        } catch (MalformedWordException e) {
            log.warn("record at offset {} is not a DAQ frame ({}): sent to {}", context.recordMetadata().map(m -> m.offset()).orElse(-1L),
                    e.getMessage(), org.minidt.common.Topics.RAW_HITS_DLQ);
            deadLetter(new DeadLetter(record.key(), record.value(), e.getMessage(), "?", 0), record.timestamp());
            return;
        }
        String runId = frame.run().runId();
        RunState state = runs.get(runId);
        if (state == null) {
            state = new RunState(frame.run());
        }
        RunState s = state;
        frame.forEachLine((buf, from, to, lineNumber) -> accept(s, frame, buf, from, to, lineNumber, record.timestamp()));
        s.lastInputWallMs = context.currentSystemTimeMs();
        if (s.streamTicks != RunState.NONE) {
            closeWindowsUpTo(s, s.streamTicks, CLOSED_BY_STREAM_TIME);
        }
        runs.put(runId, s);
    }

    private void accept(RunState s, RawFrame frame, byte[] buf, int from, int to, long lineNumber, long timestamp) {
        DaqWord word;
        try {
            word = DaqWordParser.parse(buf, from, to);
        } catch (MalformedWordException e) {
            s.accountingWindow(windowTicks).addMalformed();
            deadLetter(new DeadLetter(frame.run().runId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Arrays.copyOfRange(buf, from, to), e.getMessage(), frame.source(), lineNumber), timestamp);
            return;
        }
        if (!word.isHit()) {
            s.accountingWindow(windowTicks).addDropped(word.head());
            return;
        }
        Hit hit = word.toHit();
        long ticks = hit.ticks();
        long index = s.windowIndexOf(ticks, windowTicks);
        if (s.lastClosedIndex != RunState.NONE && index <= s.lastClosedIndex) {
            s.accountingWindow(windowTicks).addLate();
            return;
        }
        s.window(index).addHit(hit);
        if (s.streamTicks == RunState.NONE || ticks > s.streamTicks) {
            s.streamTicks = ticks;
        }
    }

    /** Emits, in order, every open window whose end plus grace is at or before {@code ticks}. */
    private void closeWindowsUpTo(RunState s, long ticks, String closedBy) {
        while (!s.open.isEmpty()) {
            Map.Entry<Long, WindowAccumulator> first = s.open.firstEntry();
            if (s.windowEndTicks(first.getKey(), windowTicks) + graceTicks > ticks) {
                return;
            }
            s.open.pollFirstEntry();
            s.lastClosedIndex = first.getKey();
            long now = context.currentSystemTimeMs();
            WindowSummary summary = first.getValue().toSummary(s.run, config, closedBy, now);
            context.forward(new Record<>(s.run.runId(), summary, summary.window().wallEndMs()), MonitorTopology.RESULTS_SINK);
        }
    }

    /** Wall-clock punctuation: after {@code quietCloseMs} without input, detector time is taken to run on with the wall clock. */
    private void closeQuietWindows(long nowMs) {
        List<KeyValue<String, RunState>> changed = new ArrayList<>();
        try (KeyValueIterator<String, RunState> it = runs.all()) {
            while (it.hasNext()) {
                KeyValue<String, RunState> kv = it.next();
                RunState s = kv.value;
                long quietMs = nowMs - s.lastInputWallMs;
                if (s.open.isEmpty() || quietMs < config.quietCloseMs()) {
                    continue;
                }
                long base = s.streamTicks == RunState.NONE ? s.run.startTicks() : s.streamTicks;
                int before = s.open.size();
                closeWindowsUpTo(s, base + RunState.ticksOfMs(quietMs), CLOSED_BY_WALL_CLOCK);
                if (s.open.size() != before) {
                    changed.add(kv);
                }
            }
        }
        changed.forEach(kv -> runs.put(kv.key, kv.value));
    }

    private void deadLetter(DeadLetter letter, long timestamp) {
        context.forward(new Record<>(letter.runKey(), letter.original(), timestamp, letter.headers()), MonitorTopology.DLQ_SINK);
    }
}
