package org.minidt.dashboard;

import io.javalin.http.sse.SseClient;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends server-sent events to every connected page. Each page has its own queue drained on a shared pool,
 * so one slow browser never holds up the results feed or the other pages; a page that falls
 * {@link #MAX_PENDING} events behind is disconnected (its EventSource reconnects and gets a fresh snapshot).
 */
final class Broadcaster implements AutoCloseable {
    static final int MAX_PENDING = 64;
    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);

    private final Set<Page> pages = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sse-sender");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger slowPagesDropped = new AtomicInteger();

    /** Registers a page; {@code firstEvent}/{@code firstData} is queued before anything published later. */
    void add(SseClient client, String firstEvent, String firstData) {
        Page page = new Page(client);
        client.onClose(() -> pages.remove(page));
        page.offer(firstEvent, firstData);
        pages.add(page);
    }

    /** Queues the event for every page. Serialize once, send many: {@code data} is already JSON. */
    void publish(String event, String data) {
        pages.forEach(p -> p.offer(event, data));
    }

    int pages() {
        return pages.size();
    }

    int slowPagesDropped() {
        return slowPagesDropped.get();
    }

    @Override
    public void close() {
        pages.forEach(p -> p.client.close());
        senders.shutdownNow();
    }

    private record Event(String name, String data) {
    }

    private final class Page {
        private final SseClient client;
        private final Queue<Event> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();

        Page(SseClient client) {
            this.client = client;
        }

        void offer(String event, String data) {
            if (pending.incrementAndGet() > MAX_PENDING) {
                if (pages.remove(this)) {
                    slowPagesDropped.incrementAndGet();
                    log.warn("disconnected a page {} events behind (its browser will reconnect)", MAX_PENDING);
                    senders.execute(client::close);
                }
                return;
            }
            queue.add(new Event(event, data));
            scheduleDrain();
        }

        private void scheduleDrain() {
            if (draining.compareAndSet(false, true)) {
                senders.execute(this::drain);
            }
        }

        private void drain() {
            Event e;
            while ((e = queue.poll()) != null) {
                if (!client.terminated()) {
                    client.sendEvent(e.name(), e.data());
                }
                pending.decrementAndGet();
            }
            draining.set(false);
            if (!queue.isEmpty()) {
                scheduleDrain();
            }
        }
    }
}
