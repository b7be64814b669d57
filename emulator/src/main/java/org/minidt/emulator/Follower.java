package org.minidt.emulator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.minidt.common.DaqTime;
import org.minidt.common.Json;
import org.minidt.common.RunInfo;
import org.minidt.common.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live DAQ follow mode: consumes the announcements on {@code minidt.daq-files} and streams each announced
 * file, downloaded over HTTP(S) by its presigned URL, as part of one run. The announcement's offset is
 * committed in the same transaction as the file's last words, so a restart neither skips nor repeats a file
 * (a file interrupted midway resumes after its last committed line). A broken or expired URL, or an
 * announcement that is not valid JSON, is a counted, logged error; the follower goes on with the next one.
 */
final class Follower {
    private static final Logger log = LoggerFactory.getLogger(Follower.class);
    /** How far into a file the run's anchor (first hit) is looked for before the file is streamed. */
    private static final int ANCHOR_LOOKAHEAD_BYTES = 1 << 20;

    private final EmulatorConfig config;
    private final long runEndIdleNanos;
    private final FrameProducer producer;
    private final Replay replay;
    private final EmulatorStatus status;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    Follower(EmulatorConfig config, EmulatorSource.Follow follow, FrameProducer producer, Replay replay, EmulatorStatus status) {
        this.config = config;
        this.runEndIdleNanos = follow.runEndIdleMs() * 1_000_000L;
        this.producer = producer;
        this.replay = replay;
        this.status = status;
    }

    /**
     * Follows until {@code stopRequested}. The files belong to one run until none is announced for the run-end
     * idle time: then END_OF_RUN, and the next file starts the next run ({@code newRunId}, then
     * {@code newRunId-2}, {@code -3}, ...). A stop does not end the run: a restart resumes it.
     */
    void run(Optional<EmulatorPosition> resume, String newRunId, BooleanSupplier stopRequested) {
        EmulatorPosition resumeAt = resume.filter(at -> !at.ended()).orElse(null);
        String baseRunId = resume.map(EmulatorPosition::baseRunId).orElse(newRunId);
        int nextPass = resume.map(at -> at.ended() ? at.pass() + 1 : at.pass()).orElse(1);
        if (resumeAt != null) {
            ReplayRun run = resumeAt.run();
            producer.beginRun(run, resumeAt.object(), resumeAt.line(),
                    Math.max(resumeAt.sourceTicks(), DaqTime.orbitStartTicks(run.info().startOrbit())));
        }
        long lastFileNanos = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.DAQ_FILES.name()));
            log.info("following {} as group {}{}", Topics.DAQ_FILES.name(), groupId(), resumeAt == null ? ""
                    : ", resuming run " + resumeAt.runId() + " after " + resumeAt.object() + " line " + resumeAt.line());
            while (!stopRequested.getAsBoolean()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (stopRequested.getAsBoolean()) {
                        producer.commit();
                        return;
                    }
                    lastFileNanos = System.nanoTime();
                    Optional<DaqObject> file = open(record);
                    boolean complete = true;
                    if (file.isPresent()) {
                        DaqObject object = file.get();
                        if (producer.run() == null) {
                            String runId = nextPass == 1 ? baseRunId : baseRunId + "-" + nextPass;
                            ReplayRun run = new ReplayRun(baseRunId, nextPass++, new RunInfo(runId, System.currentTimeMillis(), anchorOrbit(object)));
                            log.info("run {}: started with {}, run start orbit {}", run.runId(), object.name(), run.info().startOrbit());
                            producer.beginRun(run, object.name(), 0, DaqTime.orbitStartTicks(run.info().startOrbit()));
                        }
                        long skip = resumeAt != null && resumeAt.object().equals(object.name()) ? resumeAt.line() : 0;
                        resumeAt = null;
                        complete = replay.send(object, skip);
                    }
                    if (!complete) {
                        producer.commit();
                        return;
                    }
                    var next = Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    producer.commit(next, consumer.groupMetadata());
                }
                if (producer.run() != null && System.nanoTime() - lastFileNanos >= runEndIdleNanos) {
                    String runId = producer.run().runId();
                    producer.endRun();
                    log.info("run {}: no file announced for {} ms, end of run sent; the next file starts a new run", runId,
                            runEndIdleNanos / 1_000_000);
                }
                producer.tick();
            }
            producer.commit();
        }
    }

    /** The announced file as an open HTTP stream, or empty (error counted) if it cannot be had. */
    private Optional<DaqObject> open(ConsumerRecord<byte[], byte[]> record) {
        DaqFileAnnouncement a;
        try {
            a = Json.fromBytes(record.value(), DaqFileAnnouncement.class);
        } catch (IOException | RuntimeException e) {
            return error("announcement at offset " + record.offset() + " of " + Topics.DAQ_FILES.name() + " is not JSON {url, time, filename}: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (a.url() == null || a.filename() == null) {
            return error("announcement at offset " + record.offset() + " of " + Topics.DAQ_FILES.name() + " lacks url or filename");
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(a.url()))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(300), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
                }
                return error("file " + a.filename() + ": download by its presigned URL failed with HTTP " + response.statusCode()
                        + (response.statusCode() == 403 ? " (URL expired or its signature is wrong)" : "") + ": " + body);
            }
            // The file is downloaded once: the opener hands out this one stream, which anchorOrbit rewinds after
            // its look-ahead and the replay then reads to the end.
            InputStream body = new BufferedInputStream(response.body(), 1 << 16);
            log.info("file {} (written {}): streaming", a.filename(), a.time());
            return Optional.of(new DaqObject(a.filename(), config.formats().formatOf(a.filename()), () -> body));
        } catch (IOException | IllegalArgumentException e) {
            return error("file " + a.filename() + ": cannot download " + a.url() + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("file " + a.filename() + ": download interrupted");
        }
    }

    /** ORBIT_CNT of the file's first hit, read ahead in the stream and then rewound; 0 if not found early. */
    private static long anchorOrbit(DaqObject object) {
        try {
            InputStream in = object.opener().open();
            in.mark(ANCHOR_LOOKAHEAD_BYTES);
            long orbit = Replay.firstHitOrbit(new BoundedStream(in, ANCHOR_LOOKAHEAD_BYTES / 2), object.format());
            in.reset();
            return Math.max(orbit, 0);
        } catch (IOException e) {
            return 0;
        }
    }

    private Optional<DaqObject> error(String message) {
        log.error(message);
        status.error(message);
        return Optional.empty();
    }

    private String groupId() {
        return "minidt-emulator-follow-" + config.emulatorId();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.toString(30 * 60_000));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** At most {@code limit} bytes of a stream, without closing it: the look-ahead must not consume the file. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private int left;

        BoundedStream(InputStream in, int limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
