package org.minidt.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minidt.dashboard.HeadlessChromium;
import org.minidt.emulator.Pacing;

/**
 * Window-to-browser latency: from a window's closable_ms (the processor's wall clock when the input allowed the
 * window to close) and its emitted_ms (when the processor emitted it) to the animation frame after the page drew it
 * (the browser's wall clock; same machine, same clock), for every window drawn live during the run. The chain runs Run000591 at 1,000 words/s.
 * A benchmark, not a test: it asserts nothing and runs only when asked:
 * <pre>
 * ./mvnw -q -B -pl demo -am test -Dtest=DashboardLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dminidt.benchmark=true [-Dminidt.benchmark.seconds=120] [-Dminidt.benchmark.rate=1000]
 * </pre>
 * Results: demo/target/benchmarks/dashboard-latency.txt
 */
@EnabledIfSystemProperty(named = "minidt.benchmark", matches = "true")
class DashboardLatencyBenchmark {
    private static final int WARM_UP_WINDOWS = 5;

    @Test
    void windowToBrowserLatency() throws Exception {
        long seconds = Long.getLong("minidt.benchmark.seconds", 120);
        double rate = Double.parseDouble(System.getProperty("minidt.benchmark.rate", "1000"));
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        try (Pipeline pipeline = new Pipeline(Path.of("..", "data"), "run000591/", null, Pacing.rate(rate), true);
                HeadlessChromium browser = new HeadlessChromium()) {
            browser.driver().get(pipeline.dashboard.url());
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> log = (List<Map<String, Object>>) browser.js("return window.minidtPage.drawLog()");
            List<Map<String, Object>> live = log.stream().filter(e -> "live".equals(e.get("source"))).toList();
            long[] closableToDrawn = live.stream().mapToLong(e -> ms(e, "drawn_ms") - ms(e, "closable_ms")).sorted().toArray();
            long[] closableToEmitted = live.stream().mapToLong(e -> ms(e, "emitted_ms") - ms(e, "closable_ms")).sorted().toArray();
            long[] total = live.stream().mapToLong(e -> ms(e, "drawn_ms") - ms(e, "emitted_ms")).sorted().toArray();
            long[] delivery = live.stream().mapToLong(e -> ms(e, "received_ms") - ms(e, "emitted_ms")).sorted().toArray();
            long[] toService = live.stream().mapToLong(e -> ms(e, "server_received_ms") - ms(e, "emitted_ms")).sorted().toArray();
            long[] toPage = live.stream().mapToLong(e -> ms(e, "received_ms") - ms(e, "server_received_ms")).sorted().toArray();
            long[] render = live.stream().mapToLong(e -> ms(e, "drawn_ms") - ms(e, "received_ms")).sorted().toArray();
            long[] script = live.stream().mapToLong(e -> ms(e, "script_ms")).sorted().toArray();
            // The page's first live windows also pay for its start (first drawing of every chart, script compilation).
            long[] warmClosableToDrawn = live.stream().skip(WARM_UP_WINDOWS).mapToLong(e -> ms(e, "drawn_ms") - ms(e, "closable_ms"))
                    .sorted().toArray();
            String report = String.join("\n",
                    "Dashboard window-to-browser latency, " + Instant.now(),
                    "machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"),
                    "load average (/proc/loadavg) before: " + loadBefore + ", after: " + Files.readString(Path.of("/proc/loadavg")).trim(),
                    "input: Run000591 in a loop at " + rate + " words/s for " + seconds + " s; windows of 1 s; processor exactly_once_v2",
                    "windows on minidt.results: " + pipeline.results.windows().size() + ", drawn by the page: " + log.size()
                            + " (live: " + total.length + ")",
                    "closable -> drawn   " + percentiles(closableToDrawn),
                    "  without the page's first " + WARM_UP_WINDOWS + " live windows " + percentiles(warmClosableToDrawn),
                    "  closable -> emitted (processor) " + percentiles(closableToEmitted),
                    "emitted -> drawn    " + percentiles(total),
                    "emitted -> received " + percentiles(delivery),
                    "  emitted -> read by the dashboard (processor commit, Kafka) " + percentiles(toService),
                    "  read by the dashboard -> received by the page (sums, JSON, SSE) " + percentiles(toPage),
                    "received -> drawn   " + percentiles(render),
                    "  of which scripting (chart updates) " + percentiles(script),
                    "the first " + WARM_UP_WINDOWS + " live windows (" + STAGES + "):",
                    stages(live.stream().limit(WARM_UP_WINDOWS)),
                    "slowest live windows after the first " + WARM_UP_WINDOWS + " (" + STAGES + "):",
                    stages(live.stream().skip(WARM_UP_WINDOWS)
                            .sorted(Comparator.comparingLong((Map<String, Object> e) -> ms(e, "drawn_ms") - ms(e, "closable_ms")).reversed())
                            .limit(5)),
                    "");
            Path out = Path.of("target", "benchmarks", "dashboard-latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.print(report);
        }
    }

    private static final String STAGES = "ms: closable->emitted, ->read by the dashboard, ->received by the page, ->drawn, scripting";

    /** Where the time of these windows went, stage by stage: what the percentiles cannot say. */
    private static String stages(Stream<Map<String, Object>> windows) {
        return windows.map(e -> String.format("  #%s: %d, %d, %d, %d, %d", e.get("index"), ms(e, "emitted_ms") - ms(e, "closable_ms"),
                        ms(e, "server_received_ms") - ms(e, "emitted_ms"), ms(e, "received_ms") - ms(e, "server_received_ms"),
                        ms(e, "drawn_ms") - ms(e, "received_ms"), ms(e, "script_ms")))
                .collect(Collectors.joining("\n"));
    }

    private static long ms(Map<String, Object> entry, String key) {
        return ((Number) entry.get(key)).longValue();
    }

    private static String percentiles(long[] sorted) {
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format("p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, mean %.1f ms", at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }

    /** Nearest-rank percentile. */
    private static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
