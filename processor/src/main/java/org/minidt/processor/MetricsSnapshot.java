package org.minidt.processor;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.common.Topics;

/**
 * The figures an operator needs from a running instance, read from its metrics: the monitor's own sensors
 * ({@link MonitorMetrics}, summed over tasks), Kafka's process rate and input lag, and the heap. Logged as one
 * line and served as JSON on {@code /metrics}.
 *
 * @param recordsRate frames processed per second (Kafka Streams' process-rate)
 * @param inputLag records of minidt.raw-hits not yet consumed on this instance's partitions (latest, not a windowed max)
 * @param cpuSeconds CPU time this instance's JVM has used since it started, all its threads: with the hits, what a hit costs
 */
record MetricsSnapshot(
        String state,
        long hitsTotal,
        double hitsRate,
        double recordsRate,
        long inputLag,
        long windowsEmitted,
        long windowEmitDelayMaxMs,
        long lateWords,
        long malformedWords,
        long nonFrameRecords,
        long heapUsedMb,
        double cpuSeconds) {

    static MetricsSnapshot of(KafkaStreams streams) {
        Map<MetricName, ? extends Metric> m = streams.metrics();
        return new MetricsSnapshot(streams.state().name(),
                (long) monitor(m, MonitorMetrics.HITS_TOTAL, false),
                monitor(m, MonitorMetrics.HITS_RATE, false),
                sum(m, "stream-thread-metrics", "process-rate", false, Map.of()),
                (long) sum(m, "consumer-fetch-manager-metrics", "records-lag", false, Map.of("topic", Topics.RAW_HITS.name())),
                (long) monitor(m, MonitorMetrics.WINDOWS_EMITTED_TOTAL, false),
                (long) monitor(m, MonitorMetrics.EMIT_DELAY_MAX, true),
                (long) monitor(m, MonitorMetrics.LATE_WORDS_TOTAL, false),
                (long) monitor(m, MonitorMetrics.MALFORMED_WORDS_TOTAL, false),
                (long) monitor(m, MonitorMetrics.NON_FRAME_RECORDS_TOTAL, false),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime() / 1e9);
    }

    /** One log line: throughput, lag, late and malformed counts, window emit delay, heap, CPU. */
    String line() {
        return String.format("metrics: hits %d (%.0f/s), records %.1f/s, lag %d records, windows %d, emit delay max %d ms, "
                        + "late %d, malformed %d, non-frame records %d, heap used %d MB, cpu %.3f s, state %s",
                hitsTotal, hitsRate, recordsRate, inputLag, windowsEmitted, windowEmitDelayMaxMs, lateWords, malformedWords,
                nonFrameRecords, heapUsedMb, cpuSeconds, state);
    }

    private static double monitor(Map<MetricName, ? extends Metric> metrics, String name, boolean max) {
        return sum(metrics, MonitorMetrics.GROUP, name, max, Map.of());
    }

    /** Sum (or maximum) of the finite values of a metric over all its tag sets that have the given tags. */
    private static double sum(Map<MetricName, ? extends Metric> metrics, String group, String name, boolean max, Map<String, String> tags) {
        double result = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(group) && n.name().equals(name) && n.tags().entrySet().containsAll(tags.entrySet())
                    && e.getValue().metricValue() instanceof Number v && Double.isFinite(v.doubleValue())) {
                result = max ? Math.max(result, v.doubleValue()) : result + v.doubleValue();
            }
        }
        return result;
    }
}
