package org.minidt.dashboard;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.minidt.common.Histogram;
import org.minidt.common.WindowSummary;
import org.openqa.selenium.By;

/** The live page as a test reads it: its texts, status tiles, and the values its charts were given. */
public final class DashboardPage {
    public static final Duration WAIT = Duration.ofSeconds(120);
    private final HeadlessChromium browser;

    public DashboardPage(HeadlessChromium browser) {
        this.browser = browser;
    }

    public String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    public String statusLevel(int chamber) {
        return browser.driver().findElement(By.id("status-" + chamber)).getAttribute("data-level");
    }

    /** The quality service's verdict the chamber's tile shows ("none" without one). */
    public String statusQuality(int chamber) {
        return browser.driver().findElement(By.id("status-" + chamber)).getAttribute("data-quality");
    }

    public String statusText(int chamber) {
        return browser.driver().findElement(By.id("status-" + chamber)).getText();
    }

    public void click(String cssSelector) {
        browser.driver().findElement(By.cssSelector(cssSelector)).click();
    }

    /** "run#index" of the window on screen, or null before the first. */
    public String shown() {
        return (String) browser.js("const s = window.minidtPage && window.minidtPage.shown(); return s && (s.run + '#' + s.index);");
    }

    /** Returns after two animation frames: what the page was asked to draw, and its visibility observers, have run. */
    public void afterTwoFrames() {
        browser.js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    /**
     * Waits until {@code w} is the page's window and drawn: the page takes a window at once but draws at most once an
     * animation frame, so a window that came while a drawing was under way is drawn in the next frame.
     */
    public void awaitShown(WindowSummary w) {
        browser.waitFor(WAIT, d -> (w.run() + "#" + w.window().index()).equals(shown()));
        afterTwoFrames();
    }

    /** The values the page handed to chart {@code chartId} for series {@code name} (y values for x/y points). */
    @SuppressWarnings("unchecked")
    public List<Long> plotted(String chartId, String name) {
        Map<String, Object> p = (Map<String, Object>) browser.js("return window.minidtPage.plotted(arguments[0])", chartId);
        if (p == null) {
            throw new AssertionError("chart " + chartId + " not drawn");
        }
        for (Map<String, Object> s : (List<Map<String, Object>>) p.get("series")) {
            if (name.equals(s.get("name"))) {
                return ((List<Object>) s.get("data")).stream()
                        .map(v -> v instanceof List<?> point ? ((Number) point.get(1)).longValue() : ((Number) v).longValue()).toList();
            }
        }
        throw new AssertionError("chart " + chartId + " has no series " + name + ": " + p);
    }

    /** The cells of a chamber's cell map as drawn: label, channel and count (null: no histogram covers the channel). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> cells(int chamber) {
        Map<String, Object> p = (Map<String, Object>) browser.js("return window.minidtPage.plotted(arguments[0])", "cells-" + chamber);
        if (p == null) {
            throw new AssertionError("cell map of chamber " + chamber + " not drawn");
        }
        return (List<Map<String, Object>>) p.get("cells");
    }

    /** x of the trend's points: the start of each window in seconds of detector time since the run start. */
    @SuppressWarnings("unchecked")
    public List<Double> trendStarts() {
        Map<String, Object> p = (Map<String, Object>) browser.js("return window.minidtPage.plotted('trend')");
        List<Map<String, Object>> series = (List<Map<String, Object>>) p.get("series");
        return ((List<List<Number>>) series.get(0).get("data")).stream().map(point -> point.get(0).doubleValue()).toList();
    }

    /** The run whose trend is drawn. */
    public String trendRun() {
        return (String) browser.js("return window.minidtPage.plotted('trend').run");
    }

    /** A count as the page writes it. */
    public static String number(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    public static List<Long> counts(Histogram h) {
        return Arrays.stream(h.binCounts()).boxed().toList();
    }

    /** Bin-wise sum of one histogram over windows. */
    public static List<Long> sum(List<WindowSummary> windows, Function<WindowSummary, Histogram> histogram) {
        long[] sum = new long[histogram.apply(windows.get(0)).binCounts().length];
        for (WindowSummary w : windows) {
            long[] c = histogram.apply(w).binCounts();
            for (int i = 0; i < c.length; i++) {
                sum[i] += c[i];
            }
        }
        return Arrays.stream(sum).boxed().toList();
    }
}
