package org.minidt.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.minidt.common.Cli;
import org.minidt.common.DaqFormat;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The emulator: replays DAQ files from S3 (or local files) onto {@code minidt.raw-hits} at a tunable rate. */
@Command(name = "emulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replays miniDT DAQ text files from an S3 bucket (or local files) onto Kafka topic minidt.raw-hits.%n"
                + "Every option can also be set by the environment variable named in its description.")
public final class EmulatorMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(EmulatorMain.class);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:MINIDT_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (MINIDT_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--s3-endpoint", defaultValue = "${env:MINIDT_S3_ENDPOINT}",
            description = "S3 endpoint URL, e.g. http://127.0.0.1:9000 for MinIO; unset for AWS (MINIDT_S3_ENDPOINT).")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:MINIDT_S3_REGION:-us-east-1}",
            description = "S3 region (MINIDT_S3_REGION). Default: ${DEFAULT-VALUE}")
    String s3Region;

    @Option(names = "--bucket", defaultValue = "${env:MINIDT_BUCKET:-minidt}",
            description = "Bucket holding the DAQ files (MINIDT_BUCKET). Default: ${DEFAULT-VALUE}")
    String bucket;

    @Option(names = "--prefix", defaultValue = "${env:MINIDT_PREFIX:-}",
            description = "Replay the objects under this key prefix, in key order (MINIDT_PREFIX).")
    String prefix;

    @Option(names = "--key", description = "Replay exactly these object keys, in this order (repeatable).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--file", description = "Replay local files instead of S3 objects (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--access-key", defaultValue = "${env:AWS_ACCESS_KEY_ID}",
            description = "S3 access key (AWS_ACCESS_KEY_ID; otherwise the AWS default credential chain).")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:AWS_SECRET_ACCESS_KEY}",
            description = "S3 secret key (AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    @Option(names = "--format", defaultValue = "${env:MINIDT_FORMAT:-course}",
            description = "DAQ file format (MINIDT_FORMAT): 'course' (HEAD 0-5, hits are HEAD 2) or "
                    + "'firmware-2020' (every row a hit marked HEAD 1, as Run000591). Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--rate", defaultValue = "${env:MINIDT_RATE:-1000}",
            description = "Words per second (MINIDT_RATE). Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--max", description = "Send as fast as possible (ignores --rate).")
    boolean max;

    @Option(names = "--loop", defaultValue = "${env:MINIDT_LOOP:-false}",
            description = "Replay the objects again and again, each pass a new run (MINIDT_LOOP).")
    boolean loop;

    @Option(names = "--run-id", defaultValue = "${env:MINIDT_RUN_ID}",
            description = "Run id (record key); default: run-<UTC date-time> (MINIDT_RUN_ID).")
    String runId;

    @Option(names = "--frame-delay-ms", defaultValue = "${env:MINIDT_FRAME_DELAY_MS:-20}",
            description = "Longest time a word waits in a frame before it is sent (MINIDT_FRAME_DELAY_MS). Default: ${DEFAULT-VALUE}")
    long frameDelayMs;

    private final AtomicBoolean stop = new AtomicBoolean();

    public static void main(String[] args) {
        System.exit(Cli.run(new EmulatorMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        DaqFormat daqFormat;
        try {
            daqFormat = DaqFormat.fromId(format);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        log.info("emulator: bootstrap={} s3={} bucket={} prefix='{}' keys={} files={} format={} rate={} loop={}",
                bootstrapServers, s3Endpoint == null ? "AWS" : s3Endpoint, bucket, prefix, keys, files, daqFormat,
                max ? "max" : rate, loop);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        EmulatorConfig config = new EmulatorConfig(bootstrapServers, new S3Settings(s3Endpoint, s3Region, bucket, accessKey, secretKey),
                prefix, keys, files, daqFormat, max ? 0 : rate, loop, runId, frameDelayMs);
        new Emulator(config).run(stop::get);
        return 0;
    }
}
