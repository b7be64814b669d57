package org.minidt.demo;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minidt.common.WindowSummary;
import org.minidt.dashboard.HeadlessChromium;
import org.minidt.emulator.Pacing;
import org.minidt.emulator.SyntheticConfig;

/**
 * Window-to-browser latency: from a window's closable_ms (the processor's wall clock when the input allowed the
 * window to close) and its emitted_ms (when the processor emitted it) to the animation frame after the page drew it
 * (the browser's wall clock; same machine, same clock), for every window drawn live during the run.
 * The source ({@code minidt.benchmark.source}) is either {@code replay}: Run000591 in a loop at {@code rate} words/s (the
 * detector's clock runs rate / 5,000 times as fast: 20 windows a second at 100,000 words/s), or {@code detector}: the
 * synthetic detector at its own clock giving about {@code rate} hits/s, one window a second, as a live detector with that
 * hit rate would. A benchmark, not a test: it asserts nothing and runs only when asked:
 * <pre>
 * ./mvnw -q -B -pl demo -am test -Dtest=DashboardLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dminidt.benchmark=true [-Dminidt.benchmark.seconds=120] [-Dminidt.benchmark.rate=1000] [-Dminidt.benchmark.source=replay]
 * </pre>
 * Results: demo/target/benchmarks/dashboard-latency.txt, and each live window's stages in dashboard-latency-windows.csv
 * (with the collector's pause time inside each: the chain runs in this JVM, with the flags {@code -Dminidt.test.jvm} gives it)
 */
@EnabledIfSystemProperty(named = "minidt.benchmark", matches = "true")
class DashboardLatencyBenchmark {
    private static final int WARM_UP_WINDOWS = 5;
    /** The chain's start: a fresh JVM and page compile their code over about this long (the first windows' stages). */
    private static final Duration START = Duration.ofSeconds(30);
    /** The target (issue 13): a window at or over this is counted and looked at. */
    private static final Duration SLOW = Duration.ofMillis(50);
    /** The synthetic detector's muons per hit of the asked rate: 1,000 muons/s (about 16,000 of their hits) at 100,000 hits/s. */
    private static final double MUONS_PER_HIT = 0.01;
    /** Chamber and scintillator hits of a synthetic muon, on average (4 chambers x 4 layers x 95 %, and the scintillator). */
    private static final double HITS_PER_MUON = 16.2;

    @Test
    void windowToBrowserLatency() throws Exception {
        long seconds = Long.getLong("minidt.benchmark.seconds", 120);
        double rate = Double.parseDouble(System.getProperty("minidt.benchmark.rate", "1000"));
        String source = System.getProperty("minidt.benchmark.source", "replay");
        SyntheticConfig detector = new SyntheticConfig(1, rate * MUONS_PER_HIT, rate * (1 - MUONS_PER_HIT * HITS_PER_MUON), 0);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        try (GcPauses gc = new GcPauses();
                Pipeline pipeline = switch (source) {
                    case "replay" -> new Pipeline(Path.of("..", "data"), "run000591/", null, Pacing.rate(rate), true);
                    case "detector" -> Pipeline.synthetic(Path.of("..", "data"), detector, "synthetic-detector");
                    default -> throw new IllegalArgumentException("minidt.benchmark.source is replay or detector, not " + source);
                };
                HeadlessChromium browser = new HeadlessChromium()) {
            browser.driver().get(pipeline.dashboard.url());
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> log = (List<Map<String, Object>>) browser.js("return window.minidtPage.drawLog()");
            // Read only now: a reader of every window during the run would compete with the chain it measures.
            List<WindowSummary> emitted = ResultsRecorder.readCommitted(pipeline.kafka.bootstrapServers());
            List<Drawn> live = log.stream().filter(e -> "live".equals(e.get("source"))).map(Drawn::of).toList();
            long[] closableToDrawn = sorted(live.stream(), Drawn::closableToDrawn);
            long[] closableToEmitted = sorted(live.stream(), Drawn::toEmitted);
            long[] total = sorted(live.stream(), d -> d.toDashboard() + d.toPage() + d.toDrawn());
            long[] delivery = sorted(live.stream(), d -> d.toDashboard() + d.toPage());
            long[] toService = sorted(live.stream(), Drawn::toDashboard);
            long[] toPage = sorted(live.stream(), Drawn::toPage);
            long[] render = sorted(live.stream(), Drawn::toDrawn);
            long[] script = sorted(live.stream(), Drawn::scriptMs);
            // The page's first live windows also pay for its start (first drawing of every chart, script compilation).
            long[] warmClosableToDrawn = sorted(live.stream().skip(WARM_UP_WINDOWS), Drawn::closableToDrawn);
            long firstClosable = live.isEmpty() ? 0 : live.get(0).closableMs();
            List<Drawn> running = live.stream().filter(d -> d.closableMs() >= firstClosable + START.toMillis()).toList();
            long[] afterStart = sorted(running.stream(), Drawn::closableToDrawn);
            // The chain runs in this JVM: a collector's pause inside a window's way to the page held that window up.
            ToLongFunction<Drawn> gcMs = d -> gc.within(d.closableMs(), d.closableMs() + d.closableToDrawn());
            long[] pauses = gc.pauses().stream().filter(p -> p.startMs() >= firstClosable).mapToLong(p -> p.endMs() - p.startMs()).sorted().toArray();
            List<Drawn> withoutPause = running.stream().filter(d -> gcMs.applyAsLong(d) == 0).toList();
            List<Drawn> slow = running.stream().filter(d -> d.closableToDrawn() >= SLOW.toMillis()).toList();
            String report = String.join("\n",
                    "Dashboard window-to-browser latency, " + Instant.now(),
                    "machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"),
                    "load average (/proc/loadavg) before: " + loadBefore + ", after: " + Files.readString(Path.of("/proc/loadavg")).trim(),
                    "input: " + ("replay".equals(source) ? "Run000591 in a loop at " + rate + " words/s"
                            : String.format("the synthetic detector at its own clock, %.0f muons/s and %.0f noise hits/s", detector.muonRateHz(),
                                    detector.noiseRateHz()))
                            + " for " + seconds + " s; windows of 1 s; processor exactly_once_v2",
                    String.format("hits per window of 1 s (mean over the windows): %.0f", emitted.stream()
                            .mapToLong(WindowSummary::totalHits).average().orElse(0)),
                    "windows on minidt.results: " + emitted.size() + ", drawn by the page: " + log.size()
                            + " (live: " + total.length + ")",
                    "closable -> drawn   " + percentiles(closableToDrawn),
                    "  without the page's first " + WARM_UP_WINDOWS + " live windows " + percentiles(warmClosableToDrawn),
                    "  after the first " + START.toSeconds() + " s (" + afterStart.length + " windows) " + percentiles(afterStart),
                    "    of which no collector's pause fell inside (" + withoutPause.size() + " windows) "
                            + percentiles(sorted(withoutPause.stream(), Drawn::closableToDrawn)),
                    "    at or over " + SLOW.toMillis() + " ms: " + slow.size() + " windows, " + slow.stream().filter(d -> !withoutPause.contains(d)).count()
                            + " of them with a collector's pause inside",
                    "  the collector's pauses of the chain's JVM since the first live window: " + pauses.length + ", "
                            + (pauses.length == 0 ? "none" : percentiles(pauses) + ", in all " + Arrays.stream(pauses).sum() + " ms")
                            + " (" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + ")",
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
                    stages(live.stream().skip(WARM_UP_WINDOWS).sorted(Comparator.comparingLong(Drawn::closableToDrawn).reversed()).limit(5)),
                    "");
            Path out = Path.of("target", "benchmarks", "dashboard-latency.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            Files.writeString(out.resolveSibling("dashboard-latency-windows.csv"), "index,closable_ms,to_emitted_ms,to_read_by_dashboard_ms,"
                    + "to_received_by_page_ms,to_drawn_ms,script_ms,gc_pause_ms\n" + live.stream().map(d -> String.format("%d,%d,%d,%d,%d,%d,%d,%d%n",
                            d.index(), d.closableMs(), d.toEmitted(), d.toDashboard(), d.toPage(), d.toDrawn(), d.scriptMs(), gcMs.applyAsLong(d)))
                            .collect(Collectors.joining()),
                    StandardCharsets.UTF_8);
            System.out.print(report);
        }
    }

    private static final String STAGES = "ms: closable->emitted, ->read by the dashboard, ->received by the page, ->drawn, scripting";

    /**
     * One window the page drew live, as the stages of its way there (ms): closable -> emitted (processor), -> read by the
     * dashboard (commit, Kafka), -> received by the page (sums, JSON, SSE), -> drawn; and the page's scripting for it.
     */
    private record Drawn(long index, long closableMs, long toEmitted, long toDashboard, long toPage, long toDrawn, long scriptMs) {
        /** From an entry of the page's draw log (app.js, {@code drawLog}). */
        static Drawn of(Map<String, Object> e) {
            return new Drawn(ms(e, "index"), ms(e, "closable_ms"), ms(e, "emitted_ms") - ms(e, "closable_ms"),
                    ms(e, "server_received_ms") - ms(e, "emitted_ms"), ms(e, "received_ms") - ms(e, "server_received_ms"),
                    ms(e, "drawn_ms") - ms(e, "received_ms"), ms(e, "script_ms"));
        }

        long closableToDrawn() {
            return toEmitted + toDashboard + toPage + toDrawn;
        }

        private static long ms(Map<String, Object> entry, String key) {
            return ((Number) entry.get(key)).longValue();
        }
    }

    private static long[] sorted(Stream<Drawn> windows, ToLongFunction<Drawn> figure) {
        return windows.mapToLong(figure).sorted().toArray();
    }

    /** Where the time of these windows went, stage by stage: what the percentiles cannot say. */
    private static String stages(Stream<Drawn> windows) {
        return windows.map(d -> String.format("  #%d: %d, %d, %d, %d, %d", d.index(), d.toEmitted(), d.toDashboard(), d.toPage(),
                        d.toDrawn(), d.scriptMs()))
                .collect(Collectors.joining("\n"));
    }

    private static String percentiles(long[] sorted) {
        if (sorted.length == 0) {
            return "no samples";
        }
        return String.format("p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, mean %.1f ms", Percentiles.at(sorted, 0.50),
                Percentiles.at(sorted, 0.90), Percentiles.at(sorted, 0.99), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }
}
