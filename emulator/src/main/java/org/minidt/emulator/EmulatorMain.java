package org.minidt.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.minidt.common.Cli;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The emulator: sends DAQ words from S3, local files, announced live files or the synthetic source onto {@code minidt.raw-hits}. */
@Command(name = "emulator", mixinStandardHelpOptions = true, sortOptions = false, subcommands = DaqSimCommand.class,
        description = "Replays miniDT DAQ text files from an S3 bucket (or local files, live DAQ announcements, or a synthetic "
                + "source) onto Kafka topic minidt.raw-hits, resuming where it stopped.%n"
                + "Options with a variable name in their description can also be set by that environment variable.")
public final class EmulatorMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(EmulatorMain.class);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--prefix", defaultValue = "${env:MINIDT_PREFIX:-}",
            description = "Replay the objects under this key prefix, in key order (MINIDT_PREFIX).")
    String prefix;

    @Option(names = "--key", description = "Replay exactly these object keys, in this order (repeatable).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--file", description = "Replay local files instead of S3 objects (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--follow", description = "Live DAQ follow mode: stream each file announced on minidt.daq-files, "
            + "downloaded by its presigned URL.")
    boolean follow;

    @Option(names = "--synthetic", description = "Send generated course-format words (muon tracks, scintillator, noise, "
            + "ancillary words) instead of files.")
    boolean synthetic;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic source. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--muon-rate", defaultValue = "" + SyntheticConfig.DEFAULT_MUON_RATE_HZ,
            description = "Synthetic muons per second of detector time. Default: ${DEFAULT-VALUE}")
    double muonRate;

    @Option(names = "--noise-rate", defaultValue = "" + SyntheticConfig.DEFAULT_NOISE_RATE_HZ,
            description = "Synthetic noise hits per second of detector time. Default: ${DEFAULT-VALUE}")
    double noiseRate;

    @Option(names = "--words", defaultValue = "0",
            description = "Synthetic words to send per pass; 0 for endless. Default: ${DEFAULT-VALUE}")
    long words;

    @Option(names = "--format", defaultValue = "${env:MINIDT_FORMAT:-course}",
            description = "DAQ file format (MINIDT_FORMAT): 'course' (HEAD 0-5, hits are HEAD 2) or "
                    + "'firmware-2020' (every row a hit marked HEAD 1, as Run000591). Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--format-for", paramLabel = "PREFIX=FORMAT",
            description = "Format of the objects whose key (or path, or announced file name) starts with PREFIX; "
                    + "longest prefix wins (repeatable), e.g. run000591/=firmware-2020.")
    List<String> formatFor = new ArrayList<>();

    @Option(names = "--rate", defaultValue = "${env:MINIDT_RATE:-" + Pacing.DEFAULT_WORDS_PER_SECOND + "}",
            description = "Words per second (MINIDT_RATE). Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--speed", description = "Replay at this factor of the detector's own clock (1.0 = recorded timing, "
            + "from ORBIT_CNT/BX_COUNTER) instead of --rate.")
    Double speed;

    @Option(names = "--max", description = "Send as fast as possible instead of --rate.")
    boolean max;

    @Option(names = "--max-silence-ms", defaultValue = "${env:MINIDT_MAX_SILENCE_MS:-0}",
            description = "With --speed: a detector silence (no hits) longer than this much detector time is shortened to it, "
                    + "counted and logged; 0 keeps every silence (MINIDT_MAX_SILENCE_MS). Default: ${DEFAULT-VALUE}")
    long maxSilenceMs;

    @Option(names = "--loop", defaultValue = "${env:MINIDT_LOOP:-false}",
            description = "Replay the objects again and again, each pass a new run with a later run start (MINIDT_LOOP).")
    boolean loop;

    @Option(names = "--run-id", defaultValue = "${env:MINIDT_RUN_ID}",
            description = "Run id (record key); default: run-<UTC date-time>, live-<UTC date-time> when following (MINIDT_RUN_ID).")
    String runId;

    @Option(names = "--emulator-id", defaultValue = "${env:MINIDT_EMULATOR_ID:-" + EmulatorConfig.DEFAULT_EMULATOR_ID + "}",
            description = "Names this emulator's saved position and Kafka transactions; one running emulator per id "
                    + "(MINIDT_EMULATOR_ID). Default: ${DEFAULT-VALUE}")
    String emulatorId;

    @Option(names = "--from-start", description = "Ignore the saved position and start a new run from the first line.")
    boolean fromStart;

    @Option(names = "--frame-delay-ms", defaultValue = "${env:MINIDT_FRAME_DELAY_MS:-" + EmulatorConfig.Sending.DEFAULT_FRAME_DELAY_MS + "}",
            description = "Longest time a word waits in a frame before it is sent (MINIDT_FRAME_DELAY_MS). Default: ${DEFAULT-VALUE}")
    long frameDelayMs;

    @Option(names = "--commit-interval-ms", defaultValue = "${env:MINIDT_COMMIT_INTERVAL_MS:-" + EmulatorConfig.Sending.DEFAULT_COMMIT_INTERVAL_MS + "}",
            description = "How often words and position are committed; read_committed consumers see words this late at most "
                    + "(MINIDT_COMMIT_INTERVAL_MS). Default: ${DEFAULT-VALUE}")
    long commitIntervalMs;

    @Option(names = "--progress-interval-ms", defaultValue = "${env:MINIDT_PROGRESS_INTERVAL_MS:-" + EmulatorConfig.Sending.DEFAULT_PROGRESS_INTERVAL_MS + "}",
            description = "How often a PROGRESS record on minidt.raw-hits says how far the run is sent, also while paused or "
                    + "waiting (MINIDT_PROGRESS_INTERVAL_MS). Default: ${DEFAULT-VALUE}")
    long progressIntervalMs;

    @Option(names = "--max-line-bytes", defaultValue = "${env:MINIDT_MAX_LINE_BYTES:-" + EmulatorConfig.Sending.DEFAULT_MAX_LINE_BYTES + "}",
            description = "Longest line sent; a longer one goes to minidt.raw-hits.dlq with its length and first bytes, and "
                    + "the replay goes on (MINIDT_MAX_LINE_BYTES). Default: ${DEFAULT-VALUE}")
    int maxLineBytes;

    @Option(names = "--follow-run-end-ms", defaultValue = "${env:MINIDT_FOLLOW_RUN_END_MS:-" + EmulatorSource.Follow.DEFAULT_RUN_END_IDLE_MS + "}",
            description = "Follow mode: a run ends (END_OF_RUN) when no file was announced for this long; the next file "
                    + "starts a new run (MINIDT_FOLLOW_RUN_END_MS). Default: ${DEFAULT-VALUE}")
    long followRunEndMs;

    @Option(names = "--control-host", defaultValue = "${env:MINIDT_CONTROL_HOST:-" + EmulatorConfig.ControlEndpoint.DEFAULT_HOST + "}",
            description = "Address of the HTTP control endpoint (MINIDT_CONTROL_HOST). Default: ${DEFAULT-VALUE}")
    String controlHost;

    @Option(names = "--control-port", defaultValue = "${env:MINIDT_CONTROL_PORT:-" + EmulatorConfig.ControlEndpoint.DEFAULT_PORT + "}",
            description = "Port of the HTTP control endpoint (GET /status, GET|POST /rate); 0 any free port (its URL is "
                    + "logged at start), -1 none (MINIDT_CONTROL_PORT). Default: ${DEFAULT-VALUE}")
    int controlPort;

    @Spec
    CommandSpec spec;

    private final AtomicBoolean stop = new AtomicBoolean();

    public static void main(String[] args) {
        System.exit(Cli.run(new EmulatorMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        EmulatorConfig config = config();
        log.info("emulator {}: bootstrap={} source={} pacing={} loop={} from-start={}", config.emulatorId(),
                config.bootstrapServers(), config.source().describe(), config.pacing(), config.runs().loop(), config.runs().fromStart());
        // On Ctrl-C / SIGTERM: ask the emulator to stop, and let it commit what it sent (up to 10 s).
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            new Emulator(config).run(stop::get);
        } finally {
            finished.countDown();
        }
        return 0;
    }

    EmulatorConfig config() {
        if (max && speed != null) {
            throw new UserError("choose one of --rate, --speed and --max");
        }
        Pacing pacing = max ? Pacing.max() : speed != null ? Pacing.speed(speed, maxSilenceMs) : Pacing.rate(rate);
        return new EmulatorConfig(connection.bootstrapServers(), emulatorId, source(), FormatRules.parse(format, formatFor), pacing,
                new EmulatorConfig.Runs(runId, loop, fromStart), new EmulatorConfig.Sending(frameDelayMs, commitIntervalMs, progressIntervalMs, maxLineBytes),
                new EmulatorConfig.ControlEndpoint(controlHost, controlPort));
    }

    /** The one source the flags name; --prefix (default: the whole bucket) when none is named. */
    private EmulatorSource source() {
        long named = (follow ? 1 : 0) + (synthetic ? 1 : 0) + (files.isEmpty() ? 0 : 1) + (keys.isEmpty() ? 0 : 1);
        if (named > 1) {
            throw new UserError("choose one source: --follow, --synthetic, --file or --key (or --prefix)");
        }
        if (synthetic) {
            return new EmulatorSource.Synthetic(new SyntheticConfig(seed, muonRate, noiseRate, words));
        }
        if (follow) {
            return new EmulatorSource.Follow(followRunEndMs);
        }
        if (!files.isEmpty()) {
            return new EmulatorSource.LocalFiles(files);
        }
        if (!keys.isEmpty()) {
            return new EmulatorSource.S3Keys(connection.s3(), keys);
        }
        return new EmulatorSource.S3Prefix(connection.s3(), prefix);
    }
}
