package org.minidt.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.minidt.common.WindowSummary;

/** What the dashboard knows: the latest window and the windows seen, and who wants to hear of new ones. */
final class MonitorState {
    private final List<Consumer<WindowSummary>> listeners = new CopyOnWriteArrayList<>();
    private volatile WindowSummary latest;
    private long windowsReceived;

    synchronized void accept(WindowSummary summary) {
        latest = summary;
        windowsReceived++;
        new ArrayList<>(listeners).forEach(l -> l.accept(summary));
    }

    WindowSummary latest() {
        return latest;
    }

    synchronized long windowsReceived() {
        return windowsReceived;
    }

    void subscribe(Consumer<WindowSummary> listener) {
        listeners.add(listener);
    }

    void unsubscribe(Consumer<WindowSummary> listener) {
        listeners.remove(listener);
    }
}
