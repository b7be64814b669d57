package org.minidt.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.minidt.common.TopicSetup;
import org.minidt.common.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code emulator daq-sim}: the live DAQ simulator (see {@link DaqSimulator}). */
@Command(name = "daq-sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulates a live DAQ: uploads data files to the bucket one by one and announces each on "
                + "minidt.daq-files as JSON {url, time, filename} with a presigned GET URL.")
final class DaqSimCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dir", description = "Upload every regular file of this directory, in name order.")
    Path dir;

    @Option(names = "--file", description = "Upload this file (repeatable, in this order).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--key-prefix", defaultValue = "live/", description = "Key prefix of the uploaded files. Default: ${DEFAULT-VALUE}")
    String keyPrefix;

    @Option(names = "--interval-ms", defaultValue = "2000", description = "Time between two files. Default: ${DEFAULT-VALUE}")
    long intervalMs;

    @Option(names = "--url-validity-s", defaultValue = "3600", description = "How long each presigned URL is valid. Default: ${DEFAULT-VALUE}")
    long urlValiditySeconds;

    @Override
    public Integer call() throws Exception {
        List<Path> toUpload = new ArrayList<>(files);
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new UserError("directory " + dir + " not found — pass an existing --dir");
            }
            try (Stream<Path> s = Files.list(dir)) {
                toUpload.addAll(s.filter(Files::isRegularFile).sorted().toList());
            } catch (IOException e) {
                throw new UserError("cannot list " + dir + ": " + e.getMessage());
            }
        }
        if (toUpload.isEmpty()) {
            throw new UserError("nothing to upload — pass --dir or --file");
        }
        DaqSimulator simulator = new DaqSimulator(connection.s3(), connection.bootstrapServers(), keyPrefix, Duration.ofMillis(intervalMs),
                Duration.ofSeconds(urlValiditySeconds));
        simulator.checkBucket();
        TopicSetup.ensureTopics(connection.bootstrapServers());
        AtomicBoolean stop = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
        simulator.run(toUpload, stop::get);
        return 0;
    }
}
