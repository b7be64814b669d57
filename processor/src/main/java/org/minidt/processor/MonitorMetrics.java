package org.minidt.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The monitor's own sensors of one task, registered with Kafka Streams so they appear in
 * {@code KafkaStreams.metrics()} and over JMX (kafka.streams:type=minidt-monitor-metrics,task-id=...).
 */
final class MonitorMetrics {
    static final String GROUP = "minidt-monitor-metrics";
    static final String HITS_TOTAL = "hits-total";
    static final String HITS_RATE = "hits-rate";
    static final String WORDS_TOTAL = "words-total";
    static final String LATE_WORDS_TOTAL = "late-words-total";
    static final String MALFORMED_WORDS_TOTAL = "malformed-words-total";
    static final String NON_FRAME_RECORDS_TOTAL = "non-frame-records-total";
    static final String WINDOWS_EMITTED_TOTAL = "windows-emitted-total";
    static final String WINDOWS_REVISED_TOTAL = "windows-revised-total";
    static final String EMIT_DELAY_MAX = "window-emit-delay-ms-max";
    static final String EMIT_DELAY_AVG = "window-emit-delay-ms-avg";

    private final StreamsMetrics metrics;
    private final Map<String, String> tags;
    private final List<Sensor> sensors = new ArrayList<>();
    private final Sensor hits;
    private final Sensor words;
    private final Sensor late;
    private final Sensor malformed;
    private final Sensor nonFrame;
    private final Sensor emitDelay;
    private final Sensor revised;

    MonitorMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        this.tags = Map.of("task-id", taskId);
        String prefix = "minidt-" + taskId + "-";
        hits = sensor(prefix + "hits");
        hits.add(name(HITS_TOTAL, "HEAD-2 words kept"), new CumulativeSum());
        // Over the last 5-10 s, so that the rate follows the input (Kafka's default window is 30-60 s).
        hits.add(name(HITS_RATE, "HEAD-2 words kept per second"), new Rate(), new MetricConfig().timeWindow(5, TimeUnit.SECONDS).samples(2));
        words = counter(prefix + "words", WORDS_TOTAL, "DAQ lines read");
        late = counter(prefix + "late", LATE_WORDS_TOTAL, "hits whose window had already closed");
        malformed = counter(prefix + "malformed", MALFORMED_WORDS_TOTAL, "lines sent to the dead-letter topic");
        nonFrame = counter(prefix + "non-frame", NON_FRAME_RECORDS_TOTAL, "records that are not DAQ frames, sent whole to the dead-letter topic");
        revised = counter(prefix + "revised", WINDOWS_REVISED_TOTAL, "window messages that revise an emitted window (revision >= 1)");
        emitDelay = sensor(prefix + "emit-delay");
        emitDelay.add(name(WINDOWS_EMITTED_TOTAL, "windows emitted"), new CumulativeCount());
        emitDelay.add(name(EMIT_DELAY_MAX, "longest wait between a window becoming closable and its emission, ms"), new Max());
        emitDelay.add(name(EMIT_DELAY_AVG, "average wait between a window becoming closable and its emission, ms"), new Avg());
    }

    void frame(long lines, long keptHits) {
        words.record(lines);
        hits.record(keptHits);
    }

    void late() {
        late.record();
    }

    void malformed() {
        malformed.record();
    }

    void nonFrame() {
        nonFrame.record();
    }

    /** One window message emitted, {@code delayMs} after it could first have been. */
    void emitted(int revision, long delayMs) {
        if (revision == 0) {
            emitDelay.record(delayMs);
        } else {
            revised.record();
        }
    }

    void close() {
        sensors.forEach(metrics::removeSensor);
    }

    private Sensor counter(String sensorName, String metric, String description) {
        Sensor s = sensor(sensorName);
        s.add(name(metric, description), new CumulativeSum());
        return s;
    }

    private Sensor sensor(String sensorName) {
        Sensor s = metrics.addSensor(sensorName, Sensor.RecordingLevel.INFO);
        sensors.add(s);
        return s;
    }

    private MetricName name(String metric, String description) {
        return new MetricName(metric, GROUP, description, tags);
    }
}
