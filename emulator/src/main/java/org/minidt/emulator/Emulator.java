package org.minidt.emulator;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.KafkaException;
import org.minidt.common.DaqTime;
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
    private final String startedAt = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

    public Emulator(EmulatorConfig config) {
        this.config = config;
    }

    /** Sends until done (or, in loop and follow mode, until {@code stopRequested}); returns the words sent. */
    public long run(BooleanSupplier stopRequested) throws Exception {
        if (config.source() instanceof EmulatorSource.ObjectSource objects) {
            try (EmulatorSource.ObjectList list = objects.open(config.formats())) {
                send(stopRequested, (producer, replay, resume) -> replay(list.objects(), resume, replay, producer, stopRequested));
            }
        } else if (config.source() instanceof EmulatorSource.Follow follow) {
            send(stopRequested, (producer, replay, resume) ->
                    new Follower(config, follow, producer, replay, status).run(resume, baseRunId("live"), stopRequested));
        }
        log.info("emulator {}: stopped after {} words, {} error(s)", config.emulatorId(), status.wordsSent(), status.errors());
        return status.wordsSent();
    }

    /** What sends the words, once the producer is ready and the saved position is known. */
    @FunctionalInterface
    private interface Sender {
        void send(FrameProducer producer, Replay replay, Optional<EmulatorPosition> resume) throws Exception;
    }

    /**
     * Sends in sessions: a session is a transactional producer that starts at the committed position. When the
     * broker is lost (a commit times out, a transaction is aborted under the producer), the session's
     * uncommitted words are given up with it; once the broker answers again a new session resumes after the
     * last committed line, as a restarted emulator would. Failures no wait can cure end the emulator.
     */
    private void send(BooleanSupplier stopRequested, Sender sender) throws Exception {
        TopicSetup.ensureTopics(config.bootstrapServers());
        Pacer pacer = new Pacer(config.pacing());
        EmulatorConfig.ControlEndpoint endpoint = config.control();
        try (ProgressReporter progress = new ProgressReporter(status, pacer, 5);
             ControlServer control = endpoint.enabled() ? new ControlServer(endpoint.host(), endpoint.port(), pacer, status, progress) : null) {
            controlUrl = control == null ? null : control.url();
            for (int session = 1; ; session++) {
                FrameProducer producer;
                try {
                    producer = new FrameProducer(config.bootstrapServers(), config.emulatorId(), status, config.sending());
                } catch (KafkaException e) {
                    if (session == 1 || !KafkaOutage.isOutage(e)) {
                        throw new UserError("Kafka at " + config.bootstrapServers() + " refused the emulator's transactions (" + e.getMessage()
                                + ") — check the broker (transactions need transaction.state.log settings that fit the cluster)", e);
                    }
                    log.warn("Kafka at {} is back but its transactions are not yet ({}); waiting on", config.bootstrapServers(), e.toString());
                    if (!KafkaOutage.awaitBroker(config.bootstrapServers(), status, stopRequested)) {
                        return;
                    }
                    continue;
                }
                try (producer) {
                    // After --from-start, the saved position is this emulator's own once it has committed anything.
                    boolean resumeFromPosition = !config.runs().fromStart() || status.commits() > 0;
                    Optional<EmulatorPosition> resume = resumeFromPosition ? Positions.read(config.bootstrapServers(), config.emulatorId())
                            : Optional.empty();
                    sender.send(producer, new Replay(producer, pacer, status, config.sending().maxLineBytes(), stopRequested), resume);
                    return;
                } catch (KafkaException e) {
                    if (!KafkaOutage.isOutage(e)) {
                        throw KafkaOutage.unrecoverable(e, config.bootstrapServers(), config.emulatorId());
                    }
                    producer.abandon();
                    status.outage();
                    log.warn("emulator {}: lost Kafka at {} ({}): its uncommitted words are dropped and will be sent again", config.emulatorId(),
                            config.bootstrapServers(), e.toString());
                }
                if (!KafkaOutage.awaitBroker(config.bootstrapServers(), status, stopRequested)) {
                    return;
                }
                pacer.reschedule();
            }
        }
    }

    /** Words sent so far (committed to minidt.raw-hits). */
    public long wordsSent() {
        return status.wordsSent();
    }

    /** Errors met and carried on after (unreadable objects, broken URLs) so far. */
    public long errors() {
        return status.errors();
    }

    /** What the emulator has done so far (for tests and the demo). */
    EmulatorStatus.Snapshot status() {
        return status.snapshot();
    }

    /** URL of the control endpoint once running, or null. */
    public String controlUrl() {
        return controlUrl;
    }

    /**
     * Sends each pass over {@code objects} as a run: its frames, PROGRESS markers while it goes, and END_OF_RUN
     * when the pass is complete (not when a stop interrupts it: a restart resumes the run).
     */
    private void replay(List<DaqObject> objects, Optional<EmulatorPosition> resume, Replay replay, FrameProducer producer,
                        BooleanSupplier stopRequested) {
        ReplayRun run;
        int first = 0;
        long skipThrough = 0;
        if (resume.isPresent() && resume.get().ended()) {
            EmulatorPosition at = resume.get();
            indexOf(objects, at.object()); // the saved object must still be among those to replay
            if (!config.runs().loop()) {
                log.info("run {}: already finished, nothing to send (--from-start replays from the beginning)", at.runId());
                return;
            }
            run = startRun(producer, at.baseRunId(), at.pass() + 1, objects, at.runStartMs());
        } else if (resume.isPresent()) {
            EmulatorPosition at = resume.get();
            run = at.run();
            first = indexOf(objects, at.object());
            skipThrough = at.line();
            log.info("run {}: resuming after {} line {} (--from-start replays from the beginning)", run.runId(), at.object(), at.line());
            producer.beginRun(run, at.object(), at.line(), Math.max(at.sourceTicks(), DaqTime.orbitStartTicks(run.info().startOrbit())));
        } else {
            run = startRun(producer, baseRunId("run"), 1, objects, Long.MIN_VALUE);
        }
        while (true) {
            long wordsAtStart = status.wordsSent();
            long t0 = System.nanoTime();
            for (int i = first; i < objects.size(); i++) {
                if (!replay.send(objects.get(i), i == first ? skipThrough : 0)) {
                    producer.commit();
                    return;
                }
            }
            producer.endRun();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long words = status.wordsSent() - wordsAtStart;
            log.info("run {}: done, {} words in {} s ({} words/s), end of run sent", run.runId(), words, String.format("%.1f", seconds),
                    (long) (words / seconds));
            if (!config.runs().loop() || stopRequested.getAsBoolean()) {
                return;
            }
            run = startRun(producer, run.baseRunId(), run.pass() + 1, objects, run.info().startEpochMs());
            first = 0;
            skipThrough = 0;
        }
    }

    /**
     * Begins a new run starting now, and in any case later than {@code previousStartMs} (the pass before, in loop
     * mode); nothing of it is sent yet, so the source vouches for nothing before its first orbit.
     */
    private ReplayRun startRun(FrameProducer producer, String baseRunId, int pass, List<DaqObject> objects, long previousStartMs) {
        String runId = config.runs().loop() ? baseRunId + "-pass" + pass : baseRunId;
        long startMs = Math.max(System.currentTimeMillis(), previousStartMs + 1);
        ReplayRun run = new ReplayRun(baseRunId, pass, new RunInfo(runId, startMs, Replay.firstHitOrbit(objects)));
        log.info("run {}: {} object(s), run start orbit {}, pacing {}", runId, objects.size(), run.info().startOrbit(), config.pacing());
        producer.beginRun(run, objects.get(0).name(), 0, DaqTime.orbitStartTicks(run.info().startOrbit()));
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

    /** --run-id, or kind-&lt;UTC date-time of this emulator's start&gt; (the same in every session). */
    private String baseRunId(String kind) {
        return config.runs().runId() != null ? config.runs().runId() : kind + "-" + startedAt;
    }
}
