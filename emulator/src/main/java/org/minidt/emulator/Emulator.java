package org.minidt.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.minidt.common.DaqFormat;
import org.minidt.common.RunInfo;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends DAQ words onto {@code minidt.raw-hits}: replays S3 objects, local files or the synthetic source (once
 * or in a loop), or follows the files a live DAQ announces. Resumes where the last run with the same
 * emulator id stopped. Embeddable: the demo runs it on a thread.
 */
public final class Emulator {
    private static final Logger log = LoggerFactory.getLogger(Emulator.class);

    private final EmulatorConfig config;
    private final EmulatorStatus status = new EmulatorStatus();
    private volatile String controlUrl;

    public Emulator(EmulatorConfig config) {
        this.config = config;
    }

    /** Sends until done (or, in loop and follow mode, until {@code stopRequested}); returns the words sent. */
    public long run(BooleanSupplier stopRequested) throws Exception {
        S3Objects s3 = usesS3() ? new S3Objects(config.s3()) : null;
        try (s3) {
            List<DaqObject> objects = config.follow() ? List.of() : objects(s3);
            ensureTopics(config.bootstrapServers());
            Pacer pacer = new Pacer(config.pacing());
            try (FrameProducer producer = new FrameProducer(config.bootstrapServers(), config.emulatorId(), status,
                         config.frameDelayMs(), config.commitIntervalMs());
                 ProgressReporter progress = new ProgressReporter(status, pacer, 5);
                 ControlServer control = config.controlPort() < 0 ? null
                         : new ControlServer(config.controlHost(), config.controlPort(), pacer, status, progress)) {
                controlUrl = control == null ? null : control.url();
                Optional<EmulatorPosition> resume = config.fromStart() ? Optional.empty()
                        : Positions.read(config.bootstrapServers(), config.emulatorId());
                Replay replay = new Replay(producer, pacer, status, stopRequested);
                if (config.follow()) {
                    new Follower(config, producer, replay, status).run(resume, baseRunId("live"), stopRequested);
                } else {
                    replay(objects, resume, replay, producer, stopRequested);
                }
            }
        }
        log.info("emulator {}: stopped after {} words, {} error(s)", config.emulatorId(), status.wordsSent(), status.errors());
        return status.wordsSent();
    }

    /** Creates the project's topics if missing; an unreachable broker is a user error naming the address. */
    static void ensureTopics(String bootstrapServers) {
        try {
            TopicSetup.ensureTopics(bootstrapServers);
        } catch (IllegalStateException e) {
            throw new UserError("Kafka at " + bootstrapServers + " did not answer within 15 s — start the broker or pass the right --bootstrap-servers", e);
        }
    }

    /** Words sent so far (handed to the producer in a frame). */
    public long wordsSent() {
        return status.wordsSent();
    }

    /** Errors met and carried on after (unreadable objects, broken URLs) so far. */
    public long errors() {
        return status.errors();
    }

    /** URL of the control endpoint once running, or null. */
    public String controlUrl() {
        return controlUrl;
    }

    private void replay(List<DaqObject> objects, Optional<EmulatorPosition> resume, Replay replay, FrameProducer producer,
                        BooleanSupplier stopRequested) {
        ReplayRun run;
        int first = 0;
        long skipThrough = 0;
        if (resume.isPresent()) {
            EmulatorPosition at = resume.get();
            run = at.run();
            first = indexOf(objects, at.object());
            skipThrough = at.line();
            log.info("run {}: resuming after {} line {} (--from-start replays from the beginning)", run.runId(), at.object(), at.line());
        } else {
            run = newRun(baseRunId("run"), 1, objects, Long.MIN_VALUE);
        }
        while (true) {
            long wordsAtStart = status.wordsSent();
            long t0 = System.nanoTime();
            for (int i = first; i < objects.size(); i++) {
                if (!replay.send(run, objects.get(i), i == first ? skipThrough : 0)) {
                    producer.commit();
                    return;
                }
            }
            producer.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long words = status.wordsSent() - wordsAtStart;
            log.info("run {}: done, {} words in {} s ({} words/s)", run.runId(), words, String.format("%.1f", seconds), (long) (words / seconds));
            if (!config.loop() || stopRequested.getAsBoolean()) {
                return;
            }
            run = newRun(run.baseRunId(), run.pass() + 1, objects, run.info().startEpochMs());
            first = 0;
            skipThrough = 0;
        }
    }

    /** A new run starting now, and in any case later than {@code previousStartMs} (the pass before, in loop mode). */
    private ReplayRun newRun(String baseRunId, int pass, List<DaqObject> objects, long previousStartMs) {
        String runId = config.loop() ? baseRunId + "-pass" + pass : baseRunId;
        long startMs = Math.max(System.currentTimeMillis(), previousStartMs + 1);
        ReplayRun run = new ReplayRun(baseRunId, pass, new RunInfo(runId, startMs, Replay.firstHitOrbit(objects)));
        log.info("run {}: {} object(s), run start orbit {}, pacing {}", runId, objects.size(), run.info().startOrbit(), config.pacing());
        return run;
    }

    private int indexOf(List<DaqObject> objects, String name) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new UserError("emulator '" + config.emulatorId() + "' stopped last time in " + name
                + ", which is not among the objects to replay now — pass --from-start to start a new run, or another --emulator-id");
    }

    private String baseRunId(String kind) {
        return config.runId() != null ? config.runId()
                : kind + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private boolean usesS3() {
        return config.synthetic() == null && !config.follow() && config.files().isEmpty();
    }

    private List<DaqObject> objects(S3Objects s3) {
        if (config.synthetic() != null) {
            SyntheticConfig sc = config.synthetic();
            return List.of(new DaqObject("synthetic-seed-" + sc.seed(), DaqFormat.COURSE,
                    () -> new SyntheticSource(sc).asStream()));
        }
        if (!config.files().isEmpty()) {
            for (Path f : config.files()) {
                if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                    throw new UserError("file " + f + " is missing or unreadable — pass an existing, readable DAQ text file to --file");
                }
            }
            return config.files().stream()
                    .map(f -> new DaqObject(f.toString(), config.formats().formatOf(f.toString()), () -> Files.newInputStream(f)))
                    .toList();
        }
        return s3.list(config.prefix(), config.keys(), config.formats());
    }
}
