package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidt.common.Binning;
import org.minidt.common.Cli;
import org.minidt.common.UserError;
import picocli.CommandLine;

/** The service's flags become its configuration; mistakes are one-line user errors. */
class ProcessorMainTest {

    @Test
    void flagsBecomeTheConfiguration() {
        ProcessorConfig c = parse("--bootstrap-servers", "kafka:9092", "--window-ms", "2000", "--grace-ms", "500", "--matching", "same-orbit",
                "--drift-offsets-ns", "90,100,95,92", "--drift-min-ns", "-50", "--drift-max-ns", "450", "--drift-bins", "50",
                "--instance-id", "host-1", "--commit-interval-ms", "250");
        assertThat(c.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.windowMs()).isEqualTo(2000);
        assertThat(c.graceMs()).isEqualTo(500);
        assertThat(c.matching()).isEqualTo(Matching.SAME_ORBIT);
        assertThat(c.driftOffsetsNs()).containsExactly(90.0, 100.0, 95.0, 92.0);
        assertThat(c.driftBinning()).isEqualTo(new Binning(-50, 450, 50));
        assertThat(c.instanceId()).isEqualTo("host-1");
        assertThat(c.commitIntervalMs()).isEqualTo(250);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ProcessorConfig c = parse();
        assertThat(c.matching()).isEqualTo(Matching.TIME_WINDOW);
        assertThat(c.matchWindowStartNs()).isEqualTo(-100);
        assertThat(c.matchWindowEndNs()).isEqualTo(500);
        assertThat(c.driftOffsetsNs()).isEqualTo(ProcessorConfig.COURSE_DRIFT_OFFSETS_NS);
        assertThat(c.driftBinning()).isEqualTo(ProcessorConfig.DEFAULT_DRIFT_BINNING);
        assertThat(c.processingGuarantee()).isEqualTo(ProcessorConfig.ProcessingGuarantee.EXACTLY_ONCE_V2);
    }

    @Test
    void theMetricsEndpointListensOnLoopbackUnlessToldOtherwise() throws Exception {
        ProcessorConfig c = parse("--metrics-port", "0");
        try (MetricsHttpServer http = new MetricsHttpServer(c.metricsHost(), c.metricsPort(), () -> null)) {
            assertThat(http.address().getAddress().isLoopbackAddress()).as(http.address().toString()).isTrue();
        }
        try (MetricsHttpServer http = new MetricsHttpServer(parse("--metrics-host", "0.0.0.0").metricsHost(), 0, () -> null)) {
            assertThat(http.address().getAddress().isAnyLocalAddress()).isTrue();
        }
    }

    @Test
    void badSettingsAreUserErrorsWithExitCode2() {
        assertThatThrownBy(() -> parse("--window-ms", "500")).isInstanceOf(UserError.class).hasMessage("--window-ms must be 1000..5000, got 500");
        assertThatThrownBy(() -> parse("--threads", "0")).isInstanceOf(UserError.class).hasMessageContaining("--threads");
        assertThatThrownBy(() -> parse("--revision-horizon-ms", "-1")).isInstanceOf(UserError.class).hasMessageContaining("--revision-horizon-ms");
        assertThatThrownBy(() -> parse("--grace-ms", "3600000")).isInstanceOf(UserError.class).hasMessageContaining("0..60000");
        assertThatThrownBy(() -> parse("--drift-offsets-ns", "1,2,3")).isInstanceOf(UserError.class).hasMessageContaining("one drift-time offset per chamber");
        assertThatThrownBy(() -> parse("--processing-guarantee", "maybe")).isInstanceOf(UserError.class)
                .hasMessage("unknown --processing-guarantee 'maybe': use 'exactly_once_v2' or 'at_least_once'");
        assertThatThrownBy(() -> parse("--match-window-start-ns", "10", "--match-window-end-ns", "-10")).isInstanceOf(UserError.class);
        assertThat(Cli.run(new ProcessorMain(), "--matching", "nearest")).isEqualTo(2);
    }

    private static ProcessorConfig parse(String... args) {
        ProcessorMain main = new ProcessorMain();
        new CommandLine(main).parseArgs(List.of(args).toArray(String[]::new));
        return main.config();
    }
}
