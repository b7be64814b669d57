package org.minidt.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.minidt.common.CellMap;
import org.minidt.common.Cli;
import org.minidt.common.Json;
import org.minidt.common.KafkaOption;
import org.minidt.common.QualityReference;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The quality service: judges every window on minidt.results against the setup's reference run. */
@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Judges the windows on minidt.results against a reference run and writes one verdict per check and scope "
                + "to minidt.quality.%nEvery option can also be set by the environment variable named in its description.")
public final class QualityMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(QualityMain.class);

    @Mixin
    KafkaOption kafka;

    @Option(names = "--application-id", defaultValue = "${env:MINIDT_QUALITY_APPLICATION_ID:-" + QualityConfig.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id (MINIDT_QUALITY_APPLICATION_ID). Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Option(names = "--setup", defaultValue = "${env:MINIDT_SETUP:-" + QualityConfig.DEFAULT_SETUP + "}",
            description = "Detector setup whose reference run the windows are judged against (MINIDT_SETUP). Default: ${DEFAULT-VALUE}")
    String setup;

    @Option(names = "--stale-after-ms", defaultValue = "${env:MINIDT_STALE_AFTER_MS:-" + QualityConfig.DEFAULT_STALE_AFTER_MS + "}",
            description = "A run with no new window for this long (wall clock) is flagged STALLED (MINIDT_STALE_AFTER_MS). Default: ${DEFAULT-VALUE}")
    long staleAfterMs;

    @Option(names = "--state-dir", defaultValue = "${env:MINIDT_QUALITY_STATE_DIR:-/tmp/minidt-quality}",
            description = "Local state directory (MINIDT_QUALITY_STATE_DIR). Default: ${DEFAULT-VALUE}")
    Path stateDir;

    @Option(names = "--channel-base", defaultValue = "${env:MINIDT_CHANNEL_BASE:-1}",
            description = "TDC_CHANNEL of a chamber's first cell: 1 (FortyMHz firmware, Run000591: channels 1-64 and 65-128) or 0 "
                    + "(the course's 0-63 and 64-127), for the cells' names in verdicts (MINIDT_CHANNEL_BASE). Default: ${DEFAULT-VALUE}")
    int channelBase;

    @Option(names = "--seed-reference", defaultValue = "${env:MINIDT_SEED_REFERENCE:-}",
            description = "When the setup has no reference yet, load this one: 'bundled' (Run000591) or a reference JSON file "
                    + "(MINIDT_SEED_REFERENCE). Default: none")
    String seedReference;

    public static void main(String[] args) {
        System.exit(Cli.run(new QualityMain(), args));
    }

    QualityConfig config() {
        try {
            return QualityConfig.defaults(kafka.bootstrapServers(), stateDir).withApplicationId(applicationId).withSetup(setup, staleAfterMs)
                    .withCellMap(new CellMap(channelBase));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The reference to seed, or null for none. */
    QualityReference seed(String setupName) {
        if (seedReference == null || seedReference.isBlank()) {
            return null;
        }
        QualityReference r;
        if ("bundled".equals(seedReference)) {
            r = ReferenceSeed.bundled();
        } else {
            Path file = Path.of(seedReference);
            if (!Files.isRegularFile(file)) {
                throw new UserError("reference file " + file.toAbsolutePath() + " not found — pass 'bundled' or a reference JSON file");
            }
            try {
                r = Json.MAPPER.readValue(file.toFile(), QualityReference.class);
            } catch (Exception e) {
                throw new UserError("reference file " + file + " is not a reference (" + e.getMessage() + ")");
            }
        }
        return new QualityReference(r.schema(), setupName, r.run(), r.createdMs(), r.span(), r.chambers(), r.occupancySpread(),
                r.driftTimeSpread());
    }

    @Override
    public Integer call() throws Exception {
        QualityConfig config = config();
        log.info("quality config: {}", config);
        QualityReference seed = seed(config.setup());
        try {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            if (seed != null) {
                ReferenceSeed.seedIfMissing(kafka.bootstrapServers(), seed);
            }
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(QualityTopology.build(config), QualityTopology.streamsProperties(config))) {
            streams.setStateListener((now, before) -> {
                log.info("quality state {} -> {}", before, now);
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    stopped.countDown();
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(30)));
                stopped.countDown();
            }));
            streams.start();
            stopped.await();
        }
        return 0;
    }
}
