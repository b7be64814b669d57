package org.minidt.processor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the processor does when a stream thread dies. A retriable Kafka error (a broker or the network gone for a
 * while: timeouts, leader changes) leaves the state intact, so the thread is replaced and carries on from its last
 * commit, at most {@link #MAX_REPLACEMENTS} times within {@link #REPLACEMENT_PERIOD}, so a persistent fault does not
 * loop for ever. Anything else (a deleted topic, corrupt state, a bug) would fail again on the same record: the
 * whole instance shuts down (state ERROR) and {@link ProcessorMain} exits non-zero for its supervisor to restart it.
 */
final class StreamsFailurePolicy implements StreamsUncaughtExceptionHandler {
    static final int MAX_REPLACEMENTS = 3;
    static final Duration REPLACEMENT_PERIOD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(StreamsFailurePolicy.class);

    private final LongSupplier clockMs;
    private final Deque<Long> replacements = new ArrayDeque<>();

    StreamsFailurePolicy() {
        this(System::currentTimeMillis);
    }

    StreamsFailurePolicy(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clockMs.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() > REPLACEMENT_PERIOD.toMillis()) {
            replacements.pollFirst();
        }
        if (isRetriable(exception) && replacements.size() < MAX_REPLACEMENTS) {
            replacements.addLast(now);
            log.warn("stream thread died on a retriable error ({}): replacing it ({} of {} within {})", describe(exception),
                    replacements.size(), MAX_REPLACEMENTS, REPLACEMENT_PERIOD);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("stream thread died ({}): shutting the processor down", describe(exception), exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static boolean isRetriable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable exception) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = exception; t != null; t = t.getCause()) {
            b.append(b.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }
}
