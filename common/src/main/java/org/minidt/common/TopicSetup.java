package org.minidt.common;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the project's topics when they are missing (existing topics are left as they are). */
public final class TopicSetup {
    private TopicSetup() {
    }

    /** The topics with their partition counts; results and quality verdicts keep a week, the DLQ a month, emulator positions and references are compacted. */
    public static List<NewTopic> topics(short replication) {
        return List.of(
                new NewTopic(Topics.RAW_HITS.name(), Topics.RAW_HITS_PARTITIONS, replication),
                new NewTopic(Topics.RAW_HITS_DLQ.name(), 1, replication).configs(Map.of("retention.ms", Long.toString(30L * 86_400_000))),
                new NewTopic(Topics.RESULTS.name(), 1, replication).configs(Map.of("retention.ms", Long.toString(7L * 86_400_000))),
                new NewTopic(Topics.DAQ_FILES.name(), 1, replication),
                new NewTopic(Topics.EMULATOR_POSITIONS.name(), 1, replication).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(Topics.QUALITY.name(), 1, replication).configs(Map.of("retention.ms", Long.toString(7L * 86_400_000))),
                new NewTopic(Topics.REFERENCES.name(), 1, replication).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(Topics.REFERENCE_REQUESTS.name(), 1, replication));
    }

    /**
     * Ensures the topics exist on the cluster at {@code bootstrapServers}.
     *
     * @throws UserError naming the broker and what to do when it cannot be reached: every service reports it the
     *                    same way (one line, exit 2, see {@link Cli})
     */
    public static void ensureTopics(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = topics((short) 1).stream().filter(t -> !existing.contains(t.name())).toList();
            for (KafkaFuture<Void> created : admin.createTopics(missing).values().values()) {
                try {
                    created.get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // Services starting together race to create the topics: another one winning is fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            // The cause's own words, without an exception class name: this is a one-line message for a user.
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String why = cause.getMessage() == null ? "no answer" : cause.getMessage();
            throw new UserError("Kafka at " + bootstrapServers + " did not answer within 15 s (" + why
                    + ") — start the broker or pass the right --bootstrap-servers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
