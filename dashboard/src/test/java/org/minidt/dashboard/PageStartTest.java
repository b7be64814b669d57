package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minidt.dashboard.DashboardPage.WAIT;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minidt.common.WindowSummary;
import org.openqa.selenium.Dimension;

/** A page opened before the first window: what it shows meanwhile, and what that window costs it. */
class PageStartTest {

    @Test
    void theFirstWindowAfterThePageOpenedDrawsOnlyTheChartsInViewAndTheOthersWhenTheyScrollNear() throws Exception {
        try (DashboardFixture fixture = new DashboardFixture(); HeadlessChromium browser = new HeadlessChromium()) {
            DashboardPage page = openBeforeTheFirstWindow(fixture, browser);
            // The page's visibility observers report within a frame or two of the page being built.
            page.afterTwoFrames();
            assertThat(canvas(browser, "occupancy-0")).as("a chart in view, waiting for data").isTrue();
            assertThat(canvas(browser, "q-drift-3")).as("a chart far below the screen").isFalse();
            assertThat(page.text("banner")).contains("No window received yet");
            // The whole page waiting (the screenshot grows the window to the page; then back to the screen's size).
            browser.screenshot(Path.of("target", "screenshots", "dashboard-waiting-for-the-first-window.png"));
            browser.driver().manage().window().setSize(new Dimension(1680, 1000));
            browser.js("window.scrollTo(0, 0)");
            page.afterTwoFrames();

            WindowSummary first = SampleWindows.window("run-start", System.currentTimeMillis() - 6_000, 0, 3, Set.of());
            fixture.results.send(first);
            page.awaitShown(first);
            page.afterTwoFrames();

            assertThat(drawnWithData(browser, "occupancy-0")).as("a chart in view").isTrue();
            assertThat(drawnWithData(browser, "drift-3")).as("a chart far below the screen").isFalse();
            // What it would show is known all the same, and drawn once it comes near.
            assertThat(page.plotted("drift-3", "hits")).containsExactlyElementsOf(
                    Arrays.stream(first.chambers().get(3).driftTimeNs().binCounts()).boxed().toList());
            browser.js("document.getElementById('drift-3').scrollIntoView()");
            browser.waitFor(WAIT, d -> drawnWithData(browser, "drift-3"));
        }
    }

    @Test
    void aWindowIsDrawnWithoutMakingACanvasAndChartsDrawnFromTheLayersMadeLaterLookTheSame() throws Exception {
        try (DashboardFixture fixture = new DashboardFixture(); HeadlessChromium browser = new HeadlessChromium()) {
            DashboardPage page = openBeforeTheFirstWindow(fixture, browser);
            // Once the page's own idle work is done: count the canvases made from now on, and hold the idle callbacks
            // (the page makes chart layers in them) until the test runs them.
            browser.js("return new Promise(r => requestIdleCallback(() => r()))");
            browser.js("""
                    const make = document.createElement.bind(document);
                    window.canvasesMade = 0;
                    document.createElement = tag => { if (String(tag).toLowerCase() === 'canvas') window.canvasesMade++; return make(tag); };
                    window.idleHeld = [];
                    window.requestIdleCallback = fn => window.idleHeld.push(fn);""");

            WindowSummary first = SampleWindows.window("run-start", System.currentTimeMillis() - 6_000, 0, 3, Set.of());
            fixture.results.send(first);
            page.awaitShown(first);
            page.afterTwoFrames();
            assertThat(browser.js("return window.canvasesMade")).as("canvases made while the window was drawn").isEqualTo(0L);
            String drawnDirectly = picture(browser, "occupancy-0");
            String cellsDirectly = picture(browser, "cells-1");

            browser.js("""
                    const held = window.idleHeld.splice(0);
                    held.forEach(fn => fn({ timeRemaining: () => 50, didTimeout: false }));""");
            // Fourteen charts in view (the drift times are below the screen), alike ones sharing a layer: the trend, the hits
            // per chamber, the four occupancies (their titles differ), one for the four cell maps, one for the four
            // multiplicities (same bins, and in this sample the same y axis).
            assertThat(browser.js("return window.canvasesMade")).as("layers made when idle").isEqualTo(8L);
            browser.js("document.getElementById('log-y').click(); document.getElementById('log-y').click()");
            page.afterTwoFrames();
            assertThat(browser.js("return window.canvasesMade")).as("no layer made twice").isEqualTo(8L);
            assertThat(picture(browser, "occupancy-0")).as("occupancy drawn from its layer").isEqualTo(drawnDirectly);
            assertThat(picture(browser, "cells-1")).as("cell map drawn from the shared layer").isEqualTo(cellsDirectly);
        }
    }

    /** The page at 1680x1000, connected to a dashboard that has no window yet. */
    private static DashboardPage openBeforeTheFirstWindow(DashboardFixture fixture, HeadlessChromium browser) {
        DashboardPage page = new DashboardPage(browser);
        Dashboard dashboard = fixture.startDashboard();
        browser.driver().manage().window().setSize(new Dimension(1680, 1000));
        browser.driver().get(dashboard.url());
        browser.waitFor(WAIT, d -> "LIVE".equals(page.text("connection-text")));
        return page;
    }

    private static String picture(HeadlessChromium browser, String chart) {
        return (String) browser.js("return document.getElementById(arguments[0]).querySelector('canvas').toDataURL()", chart);
    }

    private static boolean canvas(HeadlessChromium browser, String chart) {
        return Boolean.TRUE.equals(browser.js("return document.getElementById(arguments[0]).querySelector('canvas') !== null", chart));
    }

    /** Whether a histogram was drawn from a window: its drawing leaves what it drew on the element. */
    private static boolean drawnWithData(HeadlessChromium browser, String chart) {
        return Boolean.TRUE.equals(browser.js("return Boolean(document.getElementById(arguments[0]).plotSpec)", chart));
    }
}
