package org.minidt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;

class TopicSetupTest {

    @Test
    void servicesStartingTogetherAllFindTheTopicsCreated() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Boolean> ensure = () -> {
                    TopicSetup.ensureTopics(kafka.bootstrapServers());
                    return true;
                };
                calls.add(pool.submit(ensure));
            }
            for (Future<Boolean> call : calls) {
                assertThat(call.get()).isTrue();
            }
            pool.shutdown();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.RAW_HITS.name(), Topics.RESULTS.name())).allTopicNames().get();
                assertThat(topics.get(Topics.RAW_HITS.name()).partitions()).hasSize(Topics.RAW_HITS_PARTITIONS);
                assertThat(topics.get(Topics.RESULTS.name()).partitions()).hasSize(1);
            }
        }
    }
}
