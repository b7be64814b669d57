package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minidt.dashboard.DashboardPage.WAIT;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.WindowSummary;
import org.openqa.selenium.By;

/** What the page does when the service goes away and comes back. */
class PageReconnectTest {

    @Test
    void pageKeepsTheLastDataMarkedStaleThenReconnectsByItselfAndCatchesUp() throws Exception {
        long runStart = System.currentTimeMillis() - 60_000;
        try (DashboardFixture fixture = new DashboardFixture(); HeadlessChromium browser = new HeadlessChromium()) {
            DashboardPage page = new DashboardPage(browser);
            fixture.results.send(SampleWindows.window("run-r", runStart, 0, 3, Set.of()));
            Dashboard first = new Dashboard(DashboardConfig.defaults(fixture.kafka.bootstrapServers(), "127.0.0.1", 0)).start();
            int port = first.port();
            browser.driver().get(first.url());
            browser.waitFor(WAIT, d -> "LIVE".equals(page.text("connection-text")) && "#0 · 1 s".equals(page.text("window-index")));

            first.close();
            browser.waitFor(WAIT, d -> page.text("connection-text").startsWith("DISCONNECTED"));
            assertThat(page.text("banner")).contains("Connection to the dashboard service lost").contains("window #0")
                    .contains("reconnecting automatically");
            assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-stale")).isEqualTo("true");
            assertThat(page.text("window-index")).isEqualTo("#0 · 1 s");
            browser.screenshot(Path.of("target", "screenshots", "dashboard-disconnected.png"));

            // A window the page could not receive while the service was down.
            fixture.results.send(SampleWindows.window("run-r", runStart, 1, 3, Set.of()));
            try (Dashboard second = new Dashboard(DashboardConfig.defaults(fixture.kafka.bootstrapServers(), "127.0.0.1", port)).start()) {
                browser.waitFor(WAIT, d -> "LIVE".equals(page.text("connection-text")) && "#1 · 1 s".equals(page.text("window-index")));
                assertThat(browser.driver().findElement(By.id("banner")).isDisplayed()).isFalse();
                assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-stale")).isEqualTo("false");
                assertThat(page.text("run-windows")).startsWith("2 windows");
            }
        }
    }
}
