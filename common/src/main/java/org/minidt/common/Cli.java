package org.minidt.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * Runs a service's picocli command the same way everywhere: flags and environment variables, usage errors
 * and {@link UserError}s as one line on stderr with exit code 2, anything else with its stack trace.
 */
public final class Cli {
    private Cli() {
    }

    public static int run(Callable<Integer> command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause != null && !(cause instanceof UserError)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                commandLine.getErr().println(commandLine.getCommandName() + ": " + cause.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    /** A service's main loop: runs until {@code stopRequested} says true, then finishes its last write. */
    @FunctionalInterface
    public interface Work {
        void run(BooleanSupplier stopRequested) throws Exception;
    }

    /**
     * Runs {@code work} until Ctrl-C / SIGTERM, which asks it to stop and then waits up to 10 s for it to
     * finish (commit what it sent, write what it holds) before the JVM exits.
     */
    public static void runUntilStopped(Work work) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            work.run(stop::get);
        } finally {
            finished.countDown();
        }
    }
}
