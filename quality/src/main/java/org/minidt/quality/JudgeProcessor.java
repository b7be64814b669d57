package org.minidt.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.KeyValue;
import org.minidt.common.Quality;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.QualityVerdict.Scope;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each window as it comes, and the run so far with it (a higher revision of a window replaces the earlier
 * one in the run so far); flags a run STALLED when its windows stop coming (wall-clock punctuation), and says so
 * again when they resume.
 */
final class JudgeProcessor implements Processor<String, WindowSummary, String, QualityVerdict> {
    private static final Logger log = LoggerFactory.getLogger(JudgeProcessor.class);
    static final String STALE_CHECK = "input";
    static final Duration STALE_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** When a run's last window arrived (wall clock), and whether it is flagged STALLED. */
    record Liveness(long lastWindowMs, long lastIndex, boolean stalled) {
    }

    private final QualityConfig config;
    private final Judge judge;
    private ProcessorContext<String, QualityVerdict> context;
    private KeyValueStore<String, WindowSummary> windows;
    private KeyValueStore<String, Sample> runs;
    private KeyValueStore<String, Liveness> liveness;
    private KeyValueStore<String, ValueAndTimestamp<QualityReference>> references;

    JudgeProcessor(QualityConfig config) {
        this.config = config;
        this.judge = new Judge(config.thresholds(), config.cellMap());
    }

    @Override
    public void init(ProcessorContext<String, QualityVerdict> context) {
        this.context = context;
        windows = context.getStateStore(QualityTopology.WINDOW_STORE);
        runs = context.getStateStore(QualityTopology.RUN_STORE);
        liveness = context.getStateStore(QualityTopology.LIVENESS_STORE);
        references = context.getStateStore(QualityTopology.REFERENCE_STORE);
        context.schedule(STALE_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::checkStale);
    }

    @Override
    public void process(Record<String, WindowSummary> record) {
        WindowSummary w = record.value();
        if (w == null) {
            return;
        }
        String run = w.run();
        long now = context.currentSystemTimeMs();
        String windowKey = run + "/" + w.window().index();
        WindowSummary earlier = windows.get(windowKey);
        if (earlier != null && w.window().revision() <= earlier.window().revision()) {
            return; // delivered again, or overtaken by a newer revision: already counted
        }
        Sample soFar = runs.get(run);
        if (soFar == null) {
            soFar = Sample.empty();
        }
        if (earlier != null) {
            soFar = soFar.plus(earlier, -1);
        }
        soFar = soFar.plus(w, +1);
        windows.put(windowKey, w);
        runs.put(run, soFar);

        Liveness live = liveness.get(run);
        List<QualityVerdict> out = new ArrayList<>();
        if (live != null && live.stalled()) {
            out.add(stale(run, soFar, Quality.GOOD, "windows resumed after " + (now - live.lastWindowMs()) / 1000 + " s without one", now,
                    now - live.lastWindowMs()));
        }
        liveness.put(run, new Liveness(now, w.window().index(), false));

        ValueAndTimestamp<QualityReference> stored = references.get(config.setup());
        QualityReference reference = stored == null ? null : stored.value();
        Sample window = Sample.of(w);
        out.addAll(Judge.verdicts(run, window, reference, judge.judge(window, reference, config.setup()), now));
        out.addAll(Judge.verdicts(run, soFar, reference, judge.judge(soFar, reference, config.setup()), now));
        for (QualityVerdict v : out) {
            context.forward(record.withValue(v));
        }
    }

    private void checkStale(long now) {
        List<KeyValue<String, Liveness>> newlyStale = new ArrayList<>();
        try (KeyValueIterator<String, Liveness> it = liveness.all()) {
            while (it.hasNext()) {
                KeyValue<String, Liveness> e = it.next();
                if (!e.value.stalled() && now - e.value.lastWindowMs() > config.staleAfterMs()) {
                    newlyStale.add(e);
                }
            }
        }
        for (KeyValue<String, Liveness> e : newlyStale) {
            String run = e.key;
            Liveness l = e.value;
            liveness.put(run, new Liveness(l.lastWindowMs(), l.lastIndex(), true));
            Sample soFar = runs.get(run);
            long silentMs = now - l.lastWindowMs();
            log.warn("run {}: no new window for {} s (last window {}): STALLED", run, silentMs / 1000, l.lastIndex());
            context.forward(new Record<>(run, stale(run, soFar == null ? Sample.empty() : soFar, Quality.STALLED, "no new window for "
                    + silentMs / 1000 + " s (last: window " + l.lastIndex() + "): the feed is stalled or the run has ended — "
                    + "not a detector problem; check the emulator/DAQ and the processor", now, silentMs), now));
        }
    }

    private QualityVerdict stale(String run, Sample soFar, Quality q, String reason, long now, long silentMs) {
        return new QualityVerdict(QualityVerdict.SCHEMA_VERSION, run, soFar.span(), Scope.detector(), STALE_CHECK, q, reason,
                silentMs / 1000.0, Map.of("stalled_above_s", config.staleAfterMs() / 1000.0), Map.of(), null, now);
    }
}
