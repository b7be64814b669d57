package org.minidt.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.minidt.common.DaqFormat;

/**
 * A DAQ text file to replay (an S3 object, a local file, a downloaded announced file or the synthetic
 * source) with the format it is written in. Opened as a stream, read line by line, never held whole.
 */
record DaqObject(String name, DaqFormat format, Opener opener) {

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    BufferedReader openLines() throws IOException {
        return new BufferedReader(new InputStreamReader(opener.open(), StandardCharsets.UTF_8), 1 << 16);
    }
}
