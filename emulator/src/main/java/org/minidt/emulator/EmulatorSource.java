package org.minidt.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.minidt.common.DaqFormat;
import org.minidt.common.S3Settings;
import org.minidt.common.UserError;

/**
 * Where an emulator's words come from: exactly one of these, said once. {@link ObjectSource}s are replayed
 * object by object (once or in a loop); {@link Follow} streams the files a live DAQ announces.
 */
public sealed interface EmulatorSource {

    /** For the start-up log line. */
    String describe();

    /** A fixed list of DAQ objects, replayed in order. */
    sealed interface ObjectSource extends EmulatorSource {
        /**
         * The objects, checked to exist, in replay order; the list must be closed after the replay (it may hold a
         * connection the objects are streamed through).
         *
         * @throws UserError naming what to fix when an object or its store is not usable
         */
        ObjectList open(FormatRules formats);
    }

    /** Opened objects, and whatever must stay open while they are read. */
    interface ObjectList extends AutoCloseable {
        List<DaqObject> objects();

        @Override
        void close();
    }

    /** Every object under {@code prefix} of an S3 bucket ("" for the whole bucket), in key order. */
    record S3Prefix(S3Settings s3, String prefix) implements ObjectSource {
        @Override
        public ObjectList open(FormatRules formats) {
            return S3Objects.open(s3, prefix, List.of(), formats);
        }

        @Override
        public String describe() {
            return "s3 " + s3.where() + " bucket '" + s3.bucket() + "' prefix '" + prefix + "'";
        }
    }

    /** Exactly these keys of an S3 bucket, in this order. */
    record S3Keys(S3Settings s3, List<String> keys) implements ObjectSource {
        public S3Keys {
            keys = List.copyOf(keys);
        }

        @Override
        public ObjectList open(FormatRules formats) {
            return S3Objects.open(s3, "", keys, formats);
        }

        @Override
        public String describe() {
            return "s3 " + s3.where() + " bucket '" + s3.bucket() + "' keys " + keys;
        }
    }

    /** Local files, in this order. */
    record LocalFiles(List<Path> files) implements ObjectSource {
        public LocalFiles {
            files = List.copyOf(files);
        }

        @Override
        public ObjectList open(FormatRules formats) {
            for (Path f : files) {
                if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                    throw new UserError("file " + f + " is missing or unreadable — pass an existing, readable DAQ text file to --file");
                }
            }
            List<DaqObject> objects = files.stream()
                    .map(f -> new DaqObject(f.toString(), formats.formatOf(f.toString()), () -> Files.newInputStream(f)))
                    .toList();
            return listOf(objects);
        }

        @Override
        public String describe() {
            return "files " + files;
        }
    }

    /** The seeded generator of course-format words (the format rules do not apply: it writes the course format). */
    record Synthetic(SyntheticConfig config) implements ObjectSource {
        @Override
        public ObjectList open(FormatRules formats) {
            return listOf(List.of(new DaqObject("synthetic-seed-" + config.seed(), DaqFormat.COURSE,
                    () -> new SyntheticSource(config).asStream())));
        }

        @Override
        public String describe() {
            return "synthetic " + config;
        }
    }

    /**
     * The files a live DAQ announces on minidt.daq-files, downloaded by their presigned URLs.
     *
     * @param runEndIdleMs a run ends when no file was announced for this long; the next file starts a new run
     */
    record Follow(long runEndIdleMs) implements EmulatorSource {
        public static final long DEFAULT_RUN_END_IDLE_MS = 60_000;

        public Follow {
            if (runEndIdleMs <= 0) {
                throw new UserError("--follow-run-end-ms must be > 0, not " + runEndIdleMs);
            }
        }

        @Override
        public String describe() {
            return "announcements on minidt.daq-files";
        }
    }

    private static ObjectList listOf(List<DaqObject> objects) {
        return new ObjectList() {
            @Override
            public List<DaqObject> objects() {
                return objects;
            }

            @Override
            public void close() {
            }
        };
    }
}
