package org.minidt.emulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** An emulator running on a thread of its own (not the common pool, which has one thread on two cores) until it ends or is stopped. */
record RunningEmulator(Emulator emulator, AtomicBoolean stop, CompletableFuture<Long> done) {

    static RunningEmulator start(EmulatorConfig config) {
        Emulator emulator = new Emulator(config);
        AtomicBoolean stop = new AtomicBoolean();
        return new RunningEmulator(emulator, stop, CompletableFuture.supplyAsync(() -> {
            try {
                return emulator.run(stop::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "emulator-under-test").start()));
    }

    /** Words sent, once the emulator has ended by itself, within {@code seconds}. */
    long awaitEnd(long seconds) throws Exception {
        return done.get(seconds, TimeUnit.SECONDS);
    }

    /** Asks the emulator to stop and returns the words it sent. */
    long stopAndWait() throws Exception {
        stop.set(true);
        return awaitEnd(60);
    }
}
