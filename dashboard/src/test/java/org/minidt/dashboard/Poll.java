package org.minidt.dashboard;

import java.time.Duration;
import java.util.function.Supplier;

/** The one way tests wait for something: check, pause, check again, until it holds or the patience runs out. */
public final class Poll {
    /** Generous: the build machine is shared. */
    public static final Duration PATIENCE = Duration.ofSeconds(120);

    private Poll() {
    }

    /** A check that may throw; true when what is awaited has happened. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Checks every 100 ms for up to {@link #PATIENCE}. */
    public static void until(String what, Condition condition) throws Exception {
        until(PATIENCE, Duration.ofMillis(100), () -> what, condition);
    }

    /**
     * Checks every {@code step} (zero for a check that waits by itself, e.g. a consumer poll) until the condition
     * holds; after {@code patience} fails with {@code what}, evaluated then, so it can describe the state reached.
     */
    public static void until(Duration patience, Duration step, Supplier<String> what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience.toSeconds() + " s: " + what.get());
            }
            Thread.sleep(step.toMillis());
        }
    }
}
