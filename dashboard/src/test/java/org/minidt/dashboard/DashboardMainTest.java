package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.minidt.common.Cli;
import org.minidt.common.UserError;
import picocli.CommandLine;

class DashboardMainTest {

    @Test
    void bindsToThisMachineOnlyByDefault() {
        DashboardConfig config = parse();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.thresholds()).isEqualTo(StatusThresholds.DEFAULTS);
    }

    @Test
    void publicFlagOpensThePageToTheNetwork() {
        assertThat(parse("--public").host()).isEqualTo("0.0.0.0");
    }

    @Test
    void statusThresholdsComeFromFlags() {
        assertThat(parse("--status-min-entries", "50", "--status-dead-fraction", "0.2", "--status-noisy-factor", "8").thresholds())
                .isEqualTo(new StatusThresholds(50, 0.2, 8));
    }

    @Test
    void aThresholdOutOfRangeIsAUserErrorWithExitCode2() {
        assertThatThrownBy(() -> parse("--status-dead-fraction", "2")).isInstanceOf(UserError.class)
                .hasMessageContaining("dead-cell fraction must lie between 0 and 1").hasMessageContaining("--help");
        // Rejected before any broker is contacted: port 1 would not answer.
        assertThat(Cli.run(new DashboardMain(), "--status-dead-fraction", "2", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
    }

    @Test
    void aPortInUseIsAUserErrorNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DashboardConfig config = parse("--port", Integer.toString(taken.getLocalPort()), "--bootstrap-servers", "127.0.0.1:1");
            assertThatThrownBy(() -> new Dashboard(config).start()).isInstanceOf(UserError.class)
                    .hasMessageStartingWith("port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .hasMessageEndingWith("stop what uses it or pass another --port");
        }
    }

    private static DashboardConfig parse(String... args) {
        DashboardMain main = new DashboardMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }
}
