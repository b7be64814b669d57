package org.minidt.processor;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.common.Topics;

/**
 * Reads the figures an operator needs from a running instance's metrics: the monitor's own sensors
 * ({@link MonitorMetrics}, summed over tasks) and Kafka's process rate and consumer lag.
 */
final class MetricsSummary {
    private MetricsSummary() {
    }

    /** Sum of a monitor metric over this instance's tasks. */
    static double monitorTotal(KafkaStreams streams, String metric) {
        return sum(streams.metrics(), MonitorMetrics.GROUP, metric, false);
    }

    /** One log line: throughput, lag, late and malformed counts, window emit delay, heap. */
    static String line(KafkaStreams streams) {
        Map<MetricName, ? extends Metric> m = streams.metrics();
        return String.format("metrics: hits %.0f (%.0f/s), records %.1f/s, lag %.0f records, windows %.0f, emit delay max %.0f ms, "
                        + "late %.0f, malformed %.0f, non-frame records %.0f, heap used %d MB",
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.HITS_TOTAL, false),
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.HITS_RATE, false),
                sum(m, "stream-thread-metrics", "process-rate", false),
                inputLag(m),
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.WINDOWS_EMITTED_TOTAL, false),
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.EMIT_DELAY_MAX, true),
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.LATE_WORDS_TOTAL, false),
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.MALFORMED_WORDS_TOTAL, false),
                sum(m, MonitorMetrics.GROUP, MonitorMetrics.NON_FRAME_RECORDS_TOTAL, false),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
    }

    /** Records of minidt.raw-hits not yet consumed, summed over this instance's partitions (the latest lag, not a windowed max). */
    private static double inputLag(Map<MetricName, ? extends Metric> metrics) {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals("consumer-fetch-manager-metrics") && n.name().equals("records-lag")
                    && Topics.RAW_HITS.equals(n.tags().get("topic")) && e.getValue().metricValue() instanceof Number v
                    && Double.isFinite(v.doubleValue())) {
                lag += v.doubleValue();
            }
        }
        return lag;
    }

    /** Sum (or maximum) of the finite values of a metric over all its tag sets. */
    private static double sum(Map<MetricName, ? extends Metric> metrics, String group, String name, boolean max) {
        double result = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (e.getKey().group().equals(group) && e.getKey().name().equals(name) && e.getValue().metricValue() instanceof Number n
                    && Double.isFinite(n.doubleValue())) {
                result = max ? Math.max(result, n.doubleValue()) : result + n.doubleValue();
            }
        }
        return result;
    }
}
