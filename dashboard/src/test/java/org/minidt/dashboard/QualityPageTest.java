package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minidt.dashboard.DashboardPage.WAIT;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.Quality;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.QualityVerdict.Scope;
import org.minidt.common.QualityVerdict.Span;
import org.minidt.common.WindowSummary;
import org.openqa.selenium.By;

/**
 * The quality view in a real headless Chromium: the verdicts on minidt.quality and the reference on minidt.references,
 * through the dashboard, become the summary with the worst reason, cells coloured by verdict, the reference overlay
 * with its ratio, the fit text and the quality strips.
 */
class QualityPageTest {
    private static final String RUN = "run-q";
    private static final long RUN_START = System.currentTimeMillis() - 10_000;
    private static final String SILENT = "cell L2-W07 (ch 90) silent: 0 hits in 3 s, expected 120 (reference ref-run: 40.0 Hz)";
    private static DashboardFixture fixture;
    private static HeadlessChromium browser;
    private static List<WindowSummary> windows;
    private static QualityReference reference;

    @BeforeAll
    static void start() throws Exception {
        fixture = new DashboardFixture();
        windows = List.of(SampleWindows.window(RUN, RUN_START, 0, 5, Set.of()), SampleWindows.window(RUN, RUN_START, 1, 5, Set.of()),
                SampleWindows.window(RUN, RUN_START, 2, 5, Set.of()));
        WindowSummary refWindow = SampleWindows.window("ref-run", RUN_START - 600_000, 0, 20, Set.of());
        reference = new QualityReference(1, "minidt", "ref-run", 1L, new Span("run", 0, 29, 30, 30, 0, 1, 0, 1), refWindow.chambers(),
                List.of(), List.of());
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props(), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>("minidt.references", "minidt", Json.toBytes(reference))).get();
            for (int i = 0; i < 3; i++) {
                boolean bad = i == 2;
                Span window = new Span("window", i, i, 1, 1, 0, 1, RUN_START + i * 1000, RUN_START + (i + 1) * 1000);
                Span run = new Span("run", 0, i, i + 1, i + 1, 0, 1, RUN_START, RUN_START + (i + 1) * 1000);
                for (Span span : List.of(window, run)) {
                    send(p, span, Scope.detector(), "summary", bad ? Quality.BAD : Quality.GOOD, bad ? SILENT : "detector: all checks good",
                            Map.of());
                    send(p, span, Scope.chamber(1), "summary", bad ? Quality.BAD : Quality.GOOD, bad ? SILENT : "chamber 1: all checks good",
                            Map.of());
                    send(p, span, Scope.chamber(0), "summary", Quality.GOOD, "chamber 0: all checks good (1 known-bad cell in the reference)",
                            Map.of());
                    send(p, span, new Scope("cell", 1, 2, 7, 90, "L2-W07"), "cell-occupancy", bad ? Quality.BAD : Quality.GOOD,
                            bad ? SILENT : "cell L2-W07 (ch 90): 40 hits", Map.of());
                    // the same cell name in another chamber: both are shown
                    send(p, span, new Scope("cell", 0, 2, 7, 26, "L2-W07"), "cell-occupancy", Quality.KNOWN,
                            "cell L2-W07 (ch 26): known dead in reference ref-run", Map.of());
                    send(p, span, Scope.chamber(2), "time-box-fit", Quality.GOOD, "chamber 2 time box: fitted", Map.of("t0_ns", 1.25,
                            "t0_error_ns", 0.5, "tmax_ns", 390.0, "tmax_error_ns", 0.6, "rise_sigma_ns", 4.0, "fall_sigma_ns", 5.0,
                            "plateau", 30.0, "background", 1.0, "v_drift_um_per_ns", 53.8, "v_drift_error_um_per_ns", 0.1));
                }
            }
        }
        windows.forEach(fixture.results::send);
        fixture.startDashboard();
        browser = new HeadlessChromium();
    }

    private static Properties props() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafka.bootstrapServers());
        return p;
    }

    private static void send(KafkaProducer<String, byte[]> p, Span span, Scope scope, String check, Quality q, String reason,
                             Map<String, Double> details) throws Exception {
        p.send(new ProducerRecord<>("minidt.quality", RUN, Json.toBytes(new QualityVerdict(1, RUN, span, scope, check, q, reason, null,
                Map.of(), details, "ref-run", System.currentTimeMillis())))).get();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        fixture.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shown() {
        return (Map<String, Object>) browser.js("return window.minidtQuality && window.minidtQuality.shown()");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theViewShowsTheWorstReasonTheCellVerdictsTheReferenceOverlayTheFitAndTheStrips() throws Exception {
        browser.driver().get(fixture.dashboard.url());
        browser.waitFor(WAIT, d -> {
            Map<String, Object> s = shown();
            return s != null && RUN.equals(s.get("run")) && ((List<Object>) ((Map<String, Object>) s.get("strips")).getOrDefault("chamber 1",
                    List.of())).size() == 3 && ((List<Object>) s.get("occupancy")).get(1) != null
                    && ((Map<String, Object>) ((List<Object>) s.get("occupancy")).get(1)).get("scaled_reference") != null;
        });
        String detector = browser.driver().findElement(By.id("q-detector")).getText();
        assertThat(detector).contains("BAD").contains(SILENT);
        assertThat(browser.driver().findElement(By.id("q-chamber-1")).getAttribute("data-quality")).isEqualTo("BAD");
        assertThat(browser.driver().findElement(By.id("q-chamber-0")).getAttribute("data-quality")).isEqualTo("GOOD");
        assertThat(browser.driver().findElement(By.id("q-reference")).getText()).startsWith("Reference: ref-run (setup minidt, 30 windows");

        Map<String, Object> s = shown();
        List<List<Map<String, Object>>> cells = (List<List<Map<String, Object>>>) s.get("cells");
        assertThat(cells.get(1)).extracting(c -> c.get("label") + " " + c.get("quality")).containsExactly("L2-W07 BAD");
        assertThat(cells.get(0)).extracting(c -> c.get("label") + " " + c.get("quality")).containsExactly("L2-W07 KNOWN");
        assertThat(((Map<String, List<String>>) s.get("strips")).get("chamber 1")).containsExactly("0:GOOD", "1:GOOD", "2:BAD");

        // the reference is scaled to the shown run's entries: equal totals, and the ratio is shown / scaled reference
        Map<String, Object> occupancy = ((List<Map<String, Object>>) s.get("occupancy")).get(1);
        long shownEntries = windows.stream().mapToLong(w -> w.chambers().get(1).occupancy().inRange()).sum();
        assertThat(((Number) occupancy.get("entries")).longValue()).isEqualTo(shownEntries);
        double scaledSum = ((List<Number>) occupancy.get("scaled_reference")).stream().mapToDouble(Number::doubleValue).sum();
        assertThat(scaledSum).isCloseTo(shownEntries, org.assertj.core.api.Assertions.within(1e-6 * shownEntries));
        long shown5 = windows.stream().mapToLong(w -> w.chambers().get(1).occupancy().binCounts()[5]).sum();
        double expected5 = reference.chambers().get(1).occupancy().binCounts()[5] * (double) shownEntries
                / reference.chambers().get(1).occupancy().inRange();
        assertThat(((List<Number>) occupancy.get("ratio")).get(5).doubleValue()).isCloseTo(shown5 / expected5,
                org.assertj.core.api.Assertions.within(1e-9));

        Map<String, Object> drift = ((List<Map<String, Object>>) s.get("drift")).get(2);
        assertThat(drift.get("fit")).isEqualTo("t0 = 1.3 ± 0.5 ns · tmax = 390.0 ± 0.6 ns · v_drift = 53.8 ± 0.1 µm/ns");
        browser.screenshot(Path.of("target", "screenshots", "quality-view.png"));
    }
}
