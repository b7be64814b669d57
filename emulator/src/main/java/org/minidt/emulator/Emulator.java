package org.minidt.emulator;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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
        if (config.source() instanceof EmulatorSource.ObjectSource objects) {
            try (EmulatorSource.ObjectList list = objects.open(config.formats())) {
                send(stopRequested, (producer, replay, resume) -> replay(list.objects(), resume, replay, producer, stopRequested));
            }
        } else {
            send(stopRequested, (producer, replay, resume) ->
                    new Follower(config, producer, replay, status).run(resume, baseRunId("live"), stopRequested));
        }
        log.info("emulator {}: stopped after {} words, {} error(s)", config.emulatorId(), status.wordsSent(), status.errors());
        return status.wordsSent();
    }

    /** What sends the words, once the producer is ready and the saved position is known. */
    @FunctionalInterface
    private interface Sender {
        void send(FrameProducer producer, Replay replay, Optional<EmulatorPosition> resume) throws Exception;
    }

    private void send(BooleanSupplier stopRequested, Sender sender) throws Exception {
        ensureTopics(config.bootstrapServers());
        Pacer pacer = new Pacer(config.pacing());
        EmulatorConfig.ControlEndpoint endpoint = config.control();
        try (FrameProducer producer = new FrameProducer(config.bootstrapServers(), config.emulatorId(), status, config.sending());
             ProgressReporter progress = new ProgressReporter(status, pacer, 5);
             ControlServer control = endpoint.enabled() ? new ControlServer(endpoint.host(), endpoint.port(), pacer, status, progress) : null) {
            controlUrl = control == null ? null : control.url();
            Optional<EmulatorPosition> resume = config.runs().fromStart() ? Optional.empty()
                    : Positions.read(config.bootstrapServers(), config.emulatorId());
            sender.send(producer, new Replay(producer, pacer, status, stopRequested), resume);
        }
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
            if (!config.runs().loop() || stopRequested.getAsBoolean()) {
                return;
            }
            run = newRun(run.baseRunId(), run.pass() + 1, objects, run.info().startEpochMs());
            first = 0;
            skipThrough = 0;
        }
    }

    /** A new run starting now, and in any case later than {@code previousStartMs} (the pass before, in loop mode). */
    private ReplayRun newRun(String baseRunId, int pass, List<DaqObject> objects, long previousStartMs) {
        String runId = config.runs().loop() ? baseRunId + "-pass" + pass : baseRunId;
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
        return config.runs().runId() != null ? config.runs().runId()
                : kind + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
