package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.minidt.common.Cli;

/** Settings are checked before anything starts: one line and exit code 2, no broker, no stack trace. */
class DemoMainTest {
    /** Nothing answers on port 1: a demo that got as far as Kafka would fail there instead, with a stack trace. */
    private static final String[] NO_BROKER = {"--bootstrap-servers", "127.0.0.1:1", "--s3-endpoint", "http://127.0.0.1:1"};

    @Test
    void aWindowSizeOutOfRangeIsOneLineAndExitCode2() {
        Result r = demo("--window-ms", "100");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).isEqualTo("minidt demo: --window-ms must be 1000..5000, got 100\n");
    }

    @Test
    void anUnknownFormatIsOneLineAndExitCode2() {
        Result r = demo("--format", "xyz");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).isEqualTo("minidt demo: unknown DAQ format 'xyz': use 'course' or 'firmware-2020'\n");
    }

    @Test
    void twoPacingsAtOnceAreOneLineAndExitCode2() {
        Result r = demo("--rate", "1000", "--max");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).isEqualTo("minidt demo: choose one of --speed, --rate and --max\n");
        assertThat(demo("--speed", "0").err).startsWith("minidt demo: speed must be a positive factor");
    }

    private record Result(int exit, String err) {
    }

    private static Result demo(String... args) {
        String[] all = new String[args.length + NO_BROKER.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(NO_BROKER, 0, all, args.length, NO_BROKER.length);
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Cli.run(new DemoMain(), all);
            return new Result(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }
}
