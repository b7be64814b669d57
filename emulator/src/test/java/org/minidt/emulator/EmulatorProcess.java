package org.minidt.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a main of the emulator module in a JVM of its own, with the test classpath, its output in a file. */
final class EmulatorProcess {
    private EmulatorProcess() {
    }

    static Process start(Path log, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, EmulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static String output(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
