package org.minidt.dashboard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.minidt.common.Cumulative;
import org.minidt.common.Json;
import org.minidt.common.RunArchive;
import org.minidt.common.RunSummary;
import org.minidt.common.S3Settings;
import org.minidt.common.WindowSummary;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The runs the archiver keeps in the results bucket (layout and formats: docs/archive.md), read from S3 only,
 * so archived runs open after every service and the broker were restarted.
 */
final class ArchivedRuns implements AutoCloseable {
    /** The archive cannot be read: the API answers 503 with this message. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final S3Settings settings;
    private final S3Client s3;

    ArchivedRuns(S3Settings settings) {
        this.settings = settings;
        this.s3 = settings.client();
    }

    /** The summary of every archived run (a run whose summary is not written yet is left out). */
    List<RunSummary> list() {
        List<RunSummary> out = new ArrayList<>();
        try {
            for (CommonPrefix run : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(RunArchive.RUNS).delimiter("/"))
                    .commonPrefixes()) {
                RunSummary s = read(run.prefix() + "summary.json", RunSummary.class);
                if (s != null) {
                    out.add(s);
                }
            }
        } catch (SdkException e) {
            throw unavailable(e);
        }
        return out;
    }

    /** Null when the run is not archived. */
    RunSummary summary(String run) {
        return read(RunArchive.summaryKey(run), RunSummary.class);
    }

    /** Null when the run is not archived. */
    Cumulative cumulative(String run) {
        return read(RunArchive.cumulativeKey(run), Cumulative.class);
    }

    /** The run's windows in index order, as its summary lists them; empty when the run is not archived. */
    List<WindowSummary> windows(String run) {
        RunSummary summary = summary(run);
        List<WindowSummary> out = new ArrayList<>();
        if (summary != null) {
            for (String part : summary.parts().windows()) {
                WindowSummary[] windows = read(part, WindowSummary[].class);
                if (windows != null) {
                    out.addAll(List.of(windows));
                }
            }
        }
        return out;
    }

    private <T> T read(String key, Class<T> type) {
        try {
            return Json.fromBytes(s3.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(key)).asByteArray(), type);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw unavailable(e);
        } catch (IOException e) {
            throw new Unavailable("archive object '" + key + "' in bucket '" + settings.bucket() + "' is not readable: " + e.getMessage(), e);
        }
    }

    private Unavailable unavailable(SdkException e) {
        return new Unavailable(settings.explain(e, "reading").getMessage(), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
