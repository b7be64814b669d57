package org.minidt.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.minidt.common.Json;
import org.minidt.common.S3Settings;
import org.minidt.common.Topics;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Stands in for a live DAQ that writes files to object storage: uploads data files to the bucket one by one,
 * {@code interval} apart, and announces each on {@code minidt.daq-files} as JSON {url, time, filename} with a
 * presigned GET URL valid for {@code urlValidity}.
 */
final class DaqSimulator {
    private static final Logger log = LoggerFactory.getLogger(DaqSimulator.class);

    private final S3Settings s3;
    private final String bootstrapServers;
    private final String keyPrefix;
    private final Duration interval;
    private final Duration urlValidity;

    DaqSimulator(S3Settings s3, String bootstrapServers, String keyPrefix, Duration interval, Duration urlValidity) {
        this.s3 = s3;
        this.bootstrapServers = bootstrapServers;
        this.keyPrefix = keyPrefix;
        this.interval = interval;
        this.urlValidity = urlValidity;
    }

    /** Uploads and announces {@code files} in order; returns how many were announced before a stop. */
    int run(List<Path> files, BooleanSupplier stopRequested) throws InterruptedException {
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new UserError("file " + f + " is missing or unreadable — pass existing DAQ text files");
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        int announced = 0;
        try (S3Client client = s3.client(); S3Presigner presigner = s3.presigner();
             KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (Path f : files) {
                if (stopRequested.getAsBoolean()) {
                    break;
                }
                String key = keyPrefix + f.getFileName();
                upload(client, key, f);
                String url = presigner.presignGetObject(b -> b.signatureDuration(urlValidity)
                        .getObjectRequest(g -> g.bucket(s3.bucket()).key(key))).url().toString();
                String json = Json.toString(new DaqFileAnnouncement(url, Instant.now().toString(), key));
                try {
                    producer.send(new ProducerRecord<>(Topics.DAQ_FILES.name(), key, json)).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new UserError("cannot announce on " + Topics.DAQ_FILES.name() + ": Kafka at " + bootstrapServers
                            + " did not acknowledge within 30 s — start the broker or pass the right --bootstrap-servers", e);
                }
                announced++;
                log.info("daq-sim: uploaded and announced {} ({} of {}), URL valid for {}", key, announced, files.size(), urlValidity);
                if (announced < files.size()) {
                    sleep(interval, stopRequested);
                }
            }
        }
        return announced;
    }

    /** Fails with a one-line error unless the bucket can be reached and used. */
    void checkBucket() {
        try (S3Client client = s3.client()) {
            client.headBucket(b -> b.bucket(s3.bucket()));
        } catch (SdkException e) {
            throw s3.explain(e, "access to");
        }
    }

    private void upload(S3Client client, String key, Path f) {
        try {
            client.putObject(b -> b.bucket(s3.bucket()).key(key), RequestBody.fromFile(f));
        } catch (SdkException e) {
            throw s3.explain(e, "the upload of " + key + " to");
        }
    }

    private static void sleep(Duration d, BooleanSupplier stopRequested) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (!stopRequested.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }
}
