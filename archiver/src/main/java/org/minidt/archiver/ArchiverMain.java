package org.minidt.archiver;

import java.util.concurrent.Callable;
import org.minidt.common.Cli;
import org.minidt.common.KafkaOption;
import org.minidt.common.RunArchive;
import org.minidt.common.S3Options;
import org.minidt.common.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The archiver service: every run on minidt.results, kept in an S3 bucket. */
@Command(name = "archiver", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes each run on Kafka topic minidt.results (window series, run-cumulative histograms, also as ROOT "
                + "TH1D JSON, and a run summary with the quality verdicts) to an S3 bucket; layout in docs/archive.md.%n"
                + "Options with a variable name in their description can also be set by that environment variable.")
public final class ArchiverMain implements Callable<Integer> {
    @Mixin
    KafkaOption kafka;

    @Mixin
    S3Options s3;

    @Option(names = "--results-bucket", defaultValue = "${env:MINIDT_RESULTS_BUCKET:-" + RunArchive.DEFAULT_BUCKET + "}",
            description = "Archive bucket, created when missing (MINIDT_RESULTS_BUCKET). Default: ${DEFAULT-VALUE}")
    String bucket;

    @Option(names = "--group-id", defaultValue = "${env:MINIDT_ARCHIVER_GROUP_ID:-" + ArchiverConfig.DEFAULT_GROUP_ID + "}",
            description = "Kafka consumer group; its committed offsets say how far the archive is written (MINIDT_ARCHIVER_GROUP_ID). "
                    + "Default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(names = "--instance-id", defaultValue = "${env:MINIDT_ARCHIVER_INSTANCE_ID:-" + ArchiverConfig.DEFAULT_INSTANCE_ID + "}",
            description = "Static group membership id: a restarted archiver takes over at once; a second archiver with the "
                    + "same id and group is refused (MINIDT_ARCHIVER_INSTANCE_ID). Default: ${DEFAULT-VALUE}")
    String instanceId;

    @Option(names = "--quality-topic", defaultValue = "${env:MINIDT_QUALITY_TOPIC:-" + ArchiverConfig.DEFAULT_QUALITY_TOPIC + "}",
            description = "Topic of the quality verdicts, read once it exists (MINIDT_QUALITY_TOPIC). Default: ${DEFAULT-VALUE}")
    String qualityTopic;

    @Option(names = "--write-interval-ms", defaultValue = "${env:MINIDT_WRITE_INTERVAL_MS:-" + ArchiverConfig.DEFAULT_WRITE_INTERVAL_MS + "}",
            description = "A live run's objects are rewritten at most this long after a change (MINIDT_WRITE_INTERVAL_MS). "
                    + "Default: ${DEFAULT-VALUE}")
    long writeIntervalMs;

    @Option(names = "--run-end-quiet-ms", defaultValue = "${env:MINIDT_RUN_END_QUIET_MS:-" + ArchiverConfig.DEFAULT_RUN_END_QUIET_MS + "}",
            description = "A run with no new window for this long has ended: its objects are written as final "
                    + "(MINIDT_RUN_END_QUIET_MS). Default: ${DEFAULT-VALUE}")
    long runEndQuietMs;

    public static void main(String[] args) {
        System.exit(Cli.run(new ArchiverMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        ArchiverConfig config = config();
        // On Ctrl-C / SIGTERM the archiver writes what changed and commits.
        Cli.runUntilStopped(stop -> new Archiver(config).run(stop));
        return 0;
    }

    ArchiverConfig config() {
        if (bucket.length() < 3) {
            throw new UserError("--results-bucket '" + bucket + "' is too short: S3 bucket names have 3 to 63 characters");
        }
        if (writeIntervalMs < 1 || runEndQuietMs < 1) {
            throw new UserError("--write-interval-ms and --run-end-quiet-ms must be at least 1");
        }
        return new ArchiverConfig(kafka.bootstrapServers(), s3.settings(bucket), groupId, instanceId, qualityTopic, writeIntervalMs, runEndQuietMs);
    }
}
