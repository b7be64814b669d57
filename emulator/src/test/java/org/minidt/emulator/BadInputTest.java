package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.Cli;
import org.minidt.embedded.EmbeddedS3;

/** User mistakes: the mains answer one line naming what to fix, exit code 2, no stack trace. */
class BadInputTest {
    static EmbeddedS3 s3;
    static String deadPort;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start();
        s3.seed("daq", Path.of("..", "data", "course-sample"));
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = Integer.toString(s.getLocalPort());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    /** Exit code and stderr of the emulator main (in this JVM, without System.exit). */
    record Outcome(int exitCode, String stderr) {
    }

    static Outcome emulator(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Cli.run(new EmulatorMain(), args);
            return new Outcome(code, err.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setErr(original);
        }
    }

    private static String[] s3Args(String bucket, String accessKey, String... more) {
        List<String> a = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:" + deadPort, "--control-port", "-1",
                "--s3-endpoint", s3.endpoint().toString(), "--bucket", bucket,
                "--access-key", accessKey, "--secret-key", EmbeddedS3.SECRET_KEY));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static void assertOneLineError(Outcome o, String... parts) {
        assertOneLineError("emulator", o, parts);
    }

    private static void assertOneLineError(String command, Outcome o, String... parts) {
        assertThat(o.exitCode()).as(o.stderr()).isEqualTo(2);
        assertThat(o.stderr().lines().count()).as(o.stderr()).isEqualTo(1);
        assertThat(o.stderr()).startsWith(command + ": ").contains(parts).doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingBucket() {
        assertOneLineError(emulator(s3Args("no-such-bucket", EmbeddedS3.ACCESS_KEY)),
                "bucket 'no-such-bucket' not found at " + s3.endpoint(), "pass the right --bucket");
    }

    @Test
    void missingObject() {
        assertOneLineError(emulator(s3Args("daq", EmbeddedS3.ACCESS_KEY, "--key", "data_000000.txt", "--key", "nope.txt")),
                "object 'nope.txt' not found in bucket 'daq'", "check the --key values");
    }

    @Test
    void emptyPrefix() {
        assertOneLineError(emulator(s3Args("daq", EmbeddedS3.ACCESS_KEY, "--prefix", "2031/")),
                "no objects under prefix '2031/' in bucket 'daq'", "pass another --prefix");
    }

    @Test
    void wrongCredentials() {
        assertOneLineError(emulator(s3Args("daq", "wrong-key")),
                "refused listing bucket 'daq' (Forbidden)", "check the credentials (--access-key/--secret-key or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");
    }

    @Test
    void unreachableS3Endpoint() {
        assertOneLineError(emulator("--bootstrap-servers", "127.0.0.1:" + deadPort, "--control-port", "-1",
                        "--s3-endpoint", "http://127.0.0.1:" + deadPort, "--bucket", "daq", "--access-key", "a", "--secret-key", "b"),
                "cannot reach S3 at http://127.0.0.1:" + deadPort, "pass the right --s3-endpoint");
    }

    @Test
    void unreadableLocalFile(@TempDir Path dir) {
        assertOneLineError(emulator("--file", dir.resolve("missing.txt").toString(), "--control-port", "-1"),
                "file " + dir.resolve("missing.txt") + " is missing or unreadable");
    }

    @Test
    void unreachableKafka(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.txt"), "2,0,1,5,5,5\n");
        assertOneLineError(emulator("--file", file.toString(), "--bootstrap-servers", "127.0.0.1:" + deadPort, "--control-port", "-1"),
                "Kafka at 127.0.0.1:" + deadPort + " did not answer", "pass the right --bootstrap-servers");
    }

    @Test
    void unknownFormatAndConflictingPacing(@TempDir Path dir) {
        assertOneLineError(emulator("--file", "x", "--format", "csv"), "unknown DAQ format 'csv': use 'course' or 'firmware-2020'");
        assertOneLineError(emulator("--file", "x", "--format-for", "run000591/"), "--format-for 'run000591/' is not PREFIX=FORMAT");
        assertOneLineError(emulator("--file", "x", "--max", "--speed", "2"), "choose one of --rate, --speed and --max");
        assertOneLineError(emulator("--file", "x", "--rate", "0"), "rate must be a positive number of words/s");
        assertOneLineError(emulator("--file", "x", "--synthetic"), "choose one source");
    }

    @Test
    void daqSimulatorWithMissingBucket() {
        assertOneLineError("daq-sim", emulator("daq-sim", "--bootstrap-servers", "127.0.0.1:" + deadPort,
                "--file", "../data/course-sample/data_000000.txt", "--s3-endpoint", s3.endpoint().toString(), "--bucket", "no-such-bucket",
                "--access-key", EmbeddedS3.ACCESS_KEY, "--secret-key", EmbeddedS3.SECRET_KEY),
                "bucket 'no-such-bucket' not found at " + s3.endpoint(), "pass the right --bucket");
    }
}
