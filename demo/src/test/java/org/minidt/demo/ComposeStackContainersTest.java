package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.WindowSummary;
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
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        HttpResponse<byte[]> latest;
        do {
            Thread.sleep(1000);
            latest = http.send(HttpRequest.newBuilder(URI.create(base + "/api/latest")).build(), HttpResponse.BodyHandlers.ofByteArray());
        } while (latest.statusCode() != 200 && System.nanoTime() < deadline);
        assertThat(latest.statusCode()).isEqualTo(200);
        WindowSummary window = Json.fromBytes(latest.body(), WindowSummary.class);
        assertThat(window.totalHits()).isPositive();
        assertThat(window.accounting().wordsRead()).isGreaterThanOrEqualTo(window.totalHits());
    }
}
