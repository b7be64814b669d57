package org.minidt.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processor service ({@link ProcessorMain}) in a JVM of its own, started from this JVM's class path, its
 * output in a log file: what runs in production, and what can be killed like a crashed machine.
 */
final class ProcessorProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ProcessorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <jvmOptions> -cp <this class path> ProcessorMain <args>}. */
    static ProcessorProcess start(List<String> jvmOptions, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProcessorMain.class.getName());
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ProcessorProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no commit, no flush. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** The exit code once the process ended within {@code timeout}, or null while it still runs. */
    Integer exitCodeWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** CPU time of the process so far, as the operating system counts it (all threads). */
    Duration cpu() {
        return process.info().totalCpuDuration().orElseThrow();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the process gracefully (SIGTERM: the shutdown hook closes Kafka Streams). */
    @Override
    public void close() {
        process.destroy();
        if (!waitFor()) {
            kill();
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
