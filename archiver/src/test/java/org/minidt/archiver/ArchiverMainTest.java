package org.minidt.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.minidt.common.Cli;
import org.minidt.common.UserError;
import org.minidt.embedded.EmbeddedS3;
import picocli.CommandLine;

class ArchiverMainTest {

    @Test
    void archivesToTheResultsBucketOnTheSameServerByDefault() {
        ArchiverConfig config = parse("--s3-endpoint", "http://127.0.0.1:9000");
        assertThat(config.results().bucket()).isEqualTo("minidt-results");
        assertThat(config.results().endpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(config.groupId()).isEqualTo(ArchiverConfig.DEFAULT_GROUP_ID);
        assertThat(config.writeIntervalMs()).isEqualTo(ArchiverConfig.DEFAULT_WRITE_INTERVAL_MS);
        assertThat(config.runEndQuietMs()).isEqualTo(ArchiverConfig.DEFAULT_RUN_END_QUIET_MS);
    }

    @Test
    void aBucketNameS3WouldRefuseIsAUserErrorWithExitCode2() {
        assertThatThrownBy(() -> parse("--results-bucket", "ab")).isInstanceOf(UserError.class)
                .hasMessageContaining("--results-bucket 'ab' is too short");
        assertThat(Cli.run(new ArchiverMain(), "--results-bucket", "ab", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
    }

    @Test
    void wrongS3CredentialsAreAUserErrorNamingWhatToCheck() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start()) {
            ArchiverConfig config = parse("--s3-endpoint", s3.endpoint().toString(), "--access-key", "nobody", "--secret-key", "wrong",
                    "--bootstrap-servers", "127.0.0.1:1");
            assertThatThrownBy(() -> new Archiver(config).run(() -> true)).isInstanceOf(UserError.class)
                    .hasMessageContaining("S3 at " + s3.endpoint() + " refused")
                    .hasMessageContaining("check the credentials");
        }
    }

    private static ArchiverConfig parse(String... args) {
        ArchiverMain main = new ArchiverMain();
        new CommandLine(main).parseArgs(args);
        return main.config();
    }
}
