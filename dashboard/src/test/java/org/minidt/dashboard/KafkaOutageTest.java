package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.TopicSetup;
import org.minidt.embedded.EmbeddedKafka;

/** Health must not say UP while the broker is gone, and the service itself must keep answering. */
class KafkaOutageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthTurnsDownWhenTheBrokerGoesAwayWhileTheLatestWindowStaysServed() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        TopicSetup.ensureTopics(kafka.bootstrapServers());
        try (Dashboard dashboard = new Dashboard(DashboardConfig.defaults(kafka.bootstrapServers(), "127.0.0.1", 0)).start()) {
            try (ResultsTopic results = new ResultsTopic(kafka.bootstrapServers())) {
                results.send(SampleWindows.window("run-o", System.currentTimeMillis() - 10_000, 3, 3, Set.of()));
            }
            Poll.until("the dashboard is UP with window 3", () -> "UP".equals(health(dashboard).path("status").asText())
                    && health(dashboard).path("latest_window_index").asLong() == 3);

            kafka.close();
            Poll.until("health says DOWN", () -> "DOWN".equals(health(dashboard).path("status").asText()));
            HttpResponse<String> down = get(dashboard, "api/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(Json.MAPPER.readTree(down.body()).path("kafka_error").asText()).isNotBlank();
            assertThat(get(dashboard, "api/latest").statusCode()).isEqualTo(200);
        }
    }

    private JsonNode health(Dashboard dashboard) throws Exception {
        return Json.MAPPER.readTree(get(dashboard, "api/health").body());
    }

    private HttpResponse<String> get(Dashboard dashboard, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
