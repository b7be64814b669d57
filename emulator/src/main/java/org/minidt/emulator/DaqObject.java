package org.minidt.emulator;

import java.io.IOException;
import java.io.InputStream;
import org.minidt.common.DaqFormat;

/**
 * A DAQ text file to replay (an S3 object, a local file, a downloaded announced file or the synthetic
 * source) with the format it is written in. Opened as a stream, read line by line as bytes ({@link LineReader}), never held whole.
 */
record DaqObject(String name, DaqFormat format, Opener opener) {

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
