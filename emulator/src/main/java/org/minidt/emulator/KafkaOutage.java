package org.minidt.emulator;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.minidt.common.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Riding out a lost broker: which Kafka failures an emulator waits out (the broker or its transaction
 * coordinator unreachable, a commit timed out, a transaction aborted under it) and which it cannot (another
 * emulator took over, not allowed, a record the broker will never take), and the wait itself.
 */
final class KafkaOutage {
    private static final Logger log = LoggerFactory.getLogger(KafkaOutage.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private KafkaOutage() {
    }

    /** True for a Kafka failure that waiting for the broker and resuming from the committed position can cure. */
    static boolean isOutage(Throwable e) {
        boolean kafka = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof AuthorizationException || t instanceof AuthenticationException
                    || t instanceof UnsupportedVersionException || t instanceof RecordTooLargeException) {
                return false;
            }
            kafka |= t instanceof KafkaException;
        }
        return kafka;
    }

    /** The user's view of a Kafka failure no wait can cure: one line naming what to do, or the failure itself. */
    static RuntimeException unrecoverable(KafkaException e, String bootstrapServers, String emulatorId) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException) {
                return new UserError("another emulator with id '" + emulatorId + "' took over — run one emulator per --emulator-id", e);
            }
            if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
                return new UserError("Kafka at " + bootstrapServers + " refused the emulator (" + t.getMessage()
                        + ") — grant it write and transactional access to the minidt topics", e);
            }
            if (t instanceof RecordTooLargeException) {
                return new UserError("Kafka at " + bootstrapServers + " refused a frame as too large (" + t.getMessage()
                        + ") — raise the topic's max.message.bytes or lower --max-line-bytes", e);
            }
        }
        return e;
    }

    /**
     * Waits until the broker at {@code bootstrapServers} answers again, logging what it waits for every 5 s.
     * Returns false if a stop was requested first.
     */
    static boolean awaitBroker(String bootstrapServers, EmulatorStatus status, BooleanSupplier stopRequested) {
        long since = System.nanoTime();
        long lastLog = 0;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        try (Admin admin = Admin.create(p)) {
            while (!stopRequested.getAsBoolean()) {
                String why;
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    // A broker answers; the transaction coordinator may still be loading: the next session's
                    // initTransactions waits for it (and counts as the outage going on if it times out).
                    log.info("Kafka at {} answers again after {} s: resuming from the committed position", bootstrapServers,
                            (System.nanoTime() - since) / 1_000_000_000L);
                    status.waiting("");
                    return true;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    why = e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                String waiting = "Kafka at " + bootstrapServers + " (unreachable for " + (System.nanoTime() - since) / 1_000_000_000L
                        + " s: " + why + ")";
                status.waiting(waiting);
                if (System.nanoTime() - lastLog >= LOG_EVERY_NANOS) {
                    log.warn("waiting for {}; nothing is lost: the replay resumes after the last committed line", waiting);
                    lastLog = System.nanoTime();
                }
                sleep(Duration.ofSeconds(1));
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
