package org.minidt.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidt.common.Cli;
import org.minidt.common.UserError;
import picocli.CommandLine;

/** The service's flags become its configuration; mistakes are one-line user errors. */
class QualityMainTest {

    @Test
    void flagsBecomeTheConfiguration() {
        QualityMain main = parse("--bootstrap-servers", "kafka:9092", "--setup", "minidt-2021", "--stale-after-ms", "60000",
                "--state-dir", "/tmp/q");
        QualityConfig c = main.config();
        assertThat(c.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(c.setup()).isEqualTo("minidt-2021");
        assertThat(c.staleAfterMs()).isEqualTo(60_000);
        assertThat(c.stateDir()).isEqualTo(Path.of("/tmp/q"));
        assertThat(c.thresholds()).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    void theBundledReferenceIsRun000591ForTheConfiguredSetup() {
        QualityMain main = parse("--seed-reference", "bundled", "--setup", "lab");
        assertThat(main.seed("lab").run()).isEqualTo("run000591");
        assertThat(main.seed("lab").setup()).isEqualTo("lab");
        assertThat(parse().seed("minidt")).isNull();
    }

    @Test
    void badSettingsAreUserErrorsWithExitCode2() {
        assertThatThrownBy(() -> parse("--stale-after-ms", "10").config()).isInstanceOf(UserError.class).hasMessageContaining("at least 1000 ms");
        assertThatThrownBy(() -> parse("--seed-reference", "/nonexistent.json").seed("minidt")).isInstanceOf(UserError.class)
                .hasMessageContaining("not found");
        assertThat(Cli.run(new QualityMain(), "--setup", " ")).isEqualTo(2);
    }

    private static QualityMain parse(String... args) {
        QualityMain main = new QualityMain();
        new CommandLine(main).parseArgs(List.of(args).toArray(String[]::new));
        return main;
    }
}
