package org.minidt.dashboard;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.minidt.common.CellMap;
import org.minidt.common.Cli;
import org.minidt.common.KafkaOption;
import org.minidt.common.S3Options;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The dashboard service: serves the live page until stopped. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves the live miniDT monitoring page from Kafka topic minidt.results.%n"
                + "Every option can also be set by the environment variable named in its description.")
public final class DashboardMain implements Callable<Integer> {
    @Mixin
    KafkaOption kafka;

    @Mixin
    S3Options s3;

    @Option(names = "--results-bucket", defaultValue = "${env:MINIDT_RESULTS_BUCKET}",
            description = "The archiver's bucket: archived runs are listed and opened from it, on the S3 server the --s3-* options "
                    + "name (MINIDT_RESULTS_BUCKET). Unset: live runs only.")
    String resultsBucket;

    @Option(names = "--host", defaultValue = "${env:MINIDT_HTTP_HOST:-127.0.0.1}",
            description = "Address to bind (MINIDT_HTTP_HOST). Default: ${DEFAULT-VALUE} (this machine only)")
    String host;

    @Option(names = "--public", defaultValue = "${env:MINIDT_HTTP_PUBLIC:-false}",
            description = "Open the page to the network: bind 0.0.0.0 instead of --host (MINIDT_HTTP_PUBLIC=true).")
    boolean open;

    @Option(names = "--port", defaultValue = "${env:MINIDT_HTTP_PORT:-8080}",
            description = "HTTP port (MINIDT_HTTP_PORT). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--history-minutes", defaultValue = "${env:MINIDT_HISTORY_MINUTES:-15}",
            description = "Span of recent windows kept for the rate trend and /api/windows (MINIDT_HISTORY_MINUTES). Default: ${DEFAULT-VALUE}")
    long historyMinutes;

    @Option(names = "--max-readback-hours", defaultValue = "${env:MINIDT_MAX_READBACK_HOURS:-24}",
            description = "At start, read minidt.results back to the current run's start, but at most this far "
                    + "(MINIDT_MAX_READBACK_HOURS). Default: ${DEFAULT-VALUE}")
    long maxReadbackHours;

    @Option(names = "--status-min-entries", defaultValue = "${env:MINIDT_STATUS_MIN_ENTRIES:-20}",
            description = "Chamber status: median entries per cell below which a view is 'too few entries to judge' "
                    + "(MINIDT_STATUS_MIN_ENTRIES). Default: ${DEFAULT-VALUE}")
    double statusMinEntries;

    @Option(names = "--status-dead-fraction", defaultValue = "${env:MINIDT_STATUS_DEAD_FRACTION:-0.1}",
            description = "Chamber status: a cell with fewer than this fraction of the median entries is dead "
                    + "(MINIDT_STATUS_DEAD_FRACTION). Default: ${DEFAULT-VALUE}")
    double statusDeadFraction;

    @Option(names = "--status-noisy-factor", defaultValue = "${env:MINIDT_STATUS_NOISY_FACTOR:-5}",
            description = "Chamber status: a cell with more than this many times the median entries is noisy "
                    + "(MINIDT_STATUS_NOISY_FACTOR). Default: ${DEFAULT-VALUE}")
    double statusNoisyFactor;

    @Option(names = "--channel-base", defaultValue = "${env:MINIDT_CHANNEL_BASE:-1}",
            description = "TDC_CHANNEL of a chamber's first cell: 1 (FortyMHz firmware, Run000591: channels 1-64 and 65-128) or 0 "
                    + "(the course's 0-63 and 64-127), for the cell maps (MINIDT_CHANNEL_BASE). Default: ${DEFAULT-VALUE}")
    int channelBase;

    @Option(names = "--setup", defaultValue = "${env:MINIDT_SETUP:-minidt}",
            description = "Detector setup whose reference run the quality view shows (MINIDT_SETUP). Default: ${DEFAULT-VALUE}")
    String setup;

    @Option(names = "--reference-token", defaultValue = "${env:MINIDT_REFERENCE_TOKEN:-}",
            description = "Lets other hosts change the reference run when they send this token in X-Minidt-Token; without it only "
                    + "this machine may (MINIDT_REFERENCE_TOKEN). Default: none")
    String referenceToken;

    public static void main(String[] args) {
        System.exit(Cli.run(new DashboardMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        DashboardConfig config = config();
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        Dashboard dashboard = new Dashboard(config).start();
        // Ctrl-C / SIGTERM: the hook closes the service (feed, pages, HTTP) before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dashboard.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dashboard-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    /** The settings the flags and environment describe; a value out of range is the user's to fix. */
    DashboardConfig config() {
        try {
            return new DashboardConfig(kafka.bootstrapServers(), open ? "0.0.0.0" : host, port, historyMinutes, maxReadbackHours,
                    new StatusThresholds(statusMinEntries, statusDeadFraction, statusNoisyFactor), new CellMap(channelBase),
                    resultsBucket == null || resultsBucket.isBlank() ? null : s3.settings(resultsBucket),
                    new DashboardConfig.ReferenceAccess(setup, referenceToken));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " — see dashboard --help");
        }
    }
}
