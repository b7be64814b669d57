package org.minidt.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;

/** Replays the configured DAQ objects onto {@code minidt.raw-hits}; embeddable (the demo runs it on a thread). */
public final class Emulator {
    private final EmulatorConfig config;

    public Emulator(EmulatorConfig config) {
        this.config = config;
    }

    /** Replays until done (or, in loop mode, until {@code stopRequested}); returns the words sent. */
    public long run(BooleanSupplier stopRequested) throws Exception {
        TopicSetup.ensureTopics(config.bootstrapServers());
        try (S3Objects s3 = config.files().isEmpty() ? new S3Objects(config.s3()) : null;
             FrameProducer producer = new FrameProducer(config.bootstrapServers(), config.frameDelayMs())) {
            List<DaqObject> objects = s3 != null ? s3.list(config.prefix(), config.keys(), config.format()) : localFiles();
            Replay replay = new Replay(producer, new Pacer(config.rate()), stopRequested);
            String baseRunId = config.runId() != null ? config.runId()
                    : "run-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            int pass = 1;
            do {
                replay.run(config.loop() ? baseRunId + "-pass" + pass : baseRunId, objects);
                pass++;
            } while (config.loop() && !stopRequested.getAsBoolean());
            return producer.linesSent();
        }
    }

    private List<DaqObject> localFiles() {
        for (Path f : config.files()) {
            if (!Files.isRegularFile(f)) {
                throw new UserError("file " + f + " not found — pass an existing DAQ text file to --file");
            }
        }
        return config.files().stream()
                .map(f -> new DaqObject(f.toString(), config.format(), () -> Files.newInputStream(f))).toList();
    }
}
