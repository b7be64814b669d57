package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
import org.minidt.dashboard.Poll;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The real compose stack (Kafka, MinIO, images built from this repository, two processors) where a Docker
 * engine exists; skipped where none does, as on the project's CI machines.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackContainersTest {

    @Container
    static final ComposeContainer STACK = new ComposeContainer(new File("../docker-compose.yml"))
            .withBuild(true)
            .withScaledService("processor", 2)
            .withExposedService("dashboard", 8080, Wait.forHttp("/api/health").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(10)));

    @Test
    void theDashboardOfTheComposeStackShowsLiveWindows() throws Exception {
        String base = "http://" + STACK.getServiceHost("dashboard", 8080) + ":" + STACK.getServicePort("dashboard", 8080);
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<HttpResponse<byte[]>> latest = new AtomicReference<>();
        Poll.until(Duration.ofMinutes(3), Duration.ofSeconds(1), () -> "a window on the compose stack's dashboard", () -> {
            latest.set(http.send(HttpRequest.newBuilder(URI.create(base + "/api/latest")).build(), HttpResponse.BodyHandlers.ofByteArray()));
            return latest.get().statusCode() == 200;
        });
        WindowSummary window = Json.fromBytes(latest.get().body(), WindowSummary.class);
        assertThat(window.totalHits()).isPositive();
        assertThat(window.accounting().wordsRead()).isGreaterThanOrEqualTo(window.totalHits());
    }
}
