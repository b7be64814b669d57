package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.TopicSetup;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.openqa.selenium.By;

/** What the page does when the service goes away and comes back. */
class PageReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void pageKeepsTheLastDataMarkedStaleThenReconnectsByItselfAndCatchesUp() throws Exception {
        long runStart = System.currentTimeMillis() - 60_000;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            DashboardConfig config = DashboardConfig.defaults(kafka.bootstrapServers(), "127.0.0.1", 0);
            try (ResultsTopic results = new ResultsTopic(kafka.bootstrapServers()); HeadlessChromium browser = new HeadlessChromium()) {
                WindowSummary before = SampleWindows.window("run-r", runStart, 0, 3, Set.of());
                results.send(before);
                Dashboard first = new Dashboard(config).start();
                int port = first.port();
                browser.driver().get(first.url());
                browser.waitFor(WAIT, d -> "LIVE".equals(text(browser, "connection-text")) && "#0 · 1 s".equals(text(browser, "window-index")));

                first.close();
                browser.waitFor(WAIT, d -> text(browser, "connection-text").startsWith("DISCONNECTED"));
                assertThat(browser.driver().findElement(By.id("banner")).getText())
                        .contains("Connection to the dashboard service lost").contains("window #0").contains("reconnecting automatically");
                assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-stale")).isEqualTo("true");
                assertThat(text(browser, "window-index")).isEqualTo("#0 · 1 s");

                // A window the page could not receive while the service was down.
                WindowSummary missed = SampleWindows.window("run-r", runStart, 1, 3, Set.of());
                results.send(missed);
                try (Dashboard second = new Dashboard(new DashboardConfig(config.bootstrapServers(), config.host(), port,
                        config.historyMinutes(), config.maxReadbackHours(), config.thresholds())).start()) {
                    browser.waitFor(WAIT, d -> "LIVE".equals(text(browser, "connection-text")) && "#1 · 1 s".equals(text(browser, "window-index")));
                    assertThat(browser.driver().findElement(By.id("banner")).isDisplayed()).isFalse();
                    assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-stale")).isEqualTo("false");
                    assertThat(text(browser, "run-windows")).startsWith("2 windows");
                }
            }
        }
    }

    private static String text(HeadlessChromium browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }
}
