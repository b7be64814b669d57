package org.minidt.emulator;

import java.io.IOException;
import java.io.InputStream;

/** A DAQ text file to replay: an S3 object or a local file, with the format it is written in. */
record DaqObject(String name, org.minidt.common.DaqFormat format, Opener opener) {

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    InputStream open() throws IOException {
        return opener.open();
    }
}
