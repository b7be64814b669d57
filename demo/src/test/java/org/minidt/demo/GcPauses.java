package org.minidt.demo;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's pauses of this JVM while open, as the JVM reports them (young and full collections; G1's
 * remark and cleanup pauses are not reported on Java 17), on the wall clock: a window whose way to the page spans one
 * waited for it, whichever service it was in, since the benchmark's chain runs in this one JVM.
 */
final class GcPauses implements AutoCloseable {
    /** One pause: wall-clock start and end (ms). */
    record Pause(long startMs, long endMs) {
        long overlap(long fromMs, long toMs) {
            return Math.max(0, Math.min(endMs, toMs) - Math.max(startMs, fromMs));
        }
    }

    private final List<Pause> pauses = new CopyOnWriteArrayList<>();
    private final long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            pauses.add(new Pause(jvmStartMs + info.getGcInfo().getStartTime(), jvmStartMs + info.getGcInfo().getEndTime()));
        }
    };

    GcPauses() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    List<Pause> pauses() {
        return List.copyOf(pauses);
    }

    /** Pause time (ms) inside [fromMs, toMs]. */
    long within(long fromMs, long toMs) {
        return pauses.stream().mapToLong(p -> p.overlap(fromMs, toMs)).sum();
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Never added to this collector: nothing to remove.
            }
        }
    }
}
