package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidt.common.S3Settings;
import org.minidt.common.UserError;
import picocli.CommandLine;

/** The command line becomes one config: one source, defaults from the config records, user errors as UserError. */
class EmulatorConfigTest {

    private static EmulatorConfig parse(String... args) {
        EmulatorMain main = new EmulatorMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }

    @Test
    void eachSourceFlagGivesItsOneSource() {
        assertThat(parse("--prefix", "run000591/").source()).isEqualTo(new EmulatorSource.S3Prefix(
                new S3Settings(null, "us-east-1", "minidt", null, null), "run000591/"));
        assertThat(parse("--key", "a", "--key", "b").source()).isInstanceOfSatisfying(EmulatorSource.S3Keys.class,
                s -> assertThat(s.keys()).containsExactly("a", "b"));
        assertThat(parse("--file", "x.txt").source()).isEqualTo(new EmulatorSource.LocalFiles(List.of(Path.of("x.txt"))));
        assertThat(parse("--follow").source()).isEqualTo(new EmulatorSource.Follow(EmulatorSource.Follow.DEFAULT_RUN_END_IDLE_MS));
        assertThat(parse("--synthetic", "--seed", "7", "--words", "10").source())
                .isEqualTo(new EmulatorSource.Synthetic(new SyntheticConfig(7, SyntheticConfig.DEFAULT_MUON_RATE_HZ,
                        SyntheticConfig.DEFAULT_NOISE_RATE_HZ, 10)));
    }

    @Test
    void defaultsOfTheCommandLineAreTheConfigRecordsDefaults() {
        EmulatorConfig c = parse();
        assertThat(c.pacing()).isEqualTo(Pacing.rate(Pacing.DEFAULT_WORDS_PER_SECOND));
        assertThat(c.emulatorId()).isEqualTo(EmulatorConfig.DEFAULT_EMULATOR_ID);
        assertThat(c.sending()).isEqualTo(EmulatorConfig.Sending.DEFAULTS);
        assertThat(c.control()).isEqualTo(new EmulatorConfig.ControlEndpoint(EmulatorConfig.ControlEndpoint.DEFAULT_HOST,
                EmulatorConfig.ControlEndpoint.DEFAULT_PORT));
        assertThat(c.runs()).isEqualTo(new EmulatorConfig.Runs(null, false, false));
        assertThat(c.source()).isInstanceOfSatisfying(EmulatorSource.S3Prefix.class, s -> assertThat(s.prefix()).isEmpty());
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThatThrownBy(() -> parse("--file", "x", "--follow")).isInstanceOf(UserError.class).hasMessageContaining("choose one source");
        assertThatThrownBy(() -> parse("--emulator-id", " ")).isInstanceOf(UserError.class).hasMessageContaining("--emulator-id");
        assertThatThrownBy(() -> parse("--commit-interval-ms", "0")).isInstanceOf(UserError.class).hasMessageContaining("--commit-interval-ms");
        assertThatThrownBy(() -> parse("--synthetic", "--words", "-1")).isInstanceOf(UserError.class).hasMessageContaining("words >= 0");
    }
}
