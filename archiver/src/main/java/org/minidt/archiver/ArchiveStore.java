package org.minidt.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.minidt.common.Json;
import org.minidt.common.RunArchive;
import org.minidt.common.RunSummary;
import org.minidt.common.S3Settings;
import org.minidt.common.WindowSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The archive bucket: reads back what an earlier archiver wrote of a run, and puts objects (each PUT is atomic). */
final class ArchiveStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveStore.class);
    private final S3Settings settings;
    private final S3Client s3;

    ArchiveStore(S3Settings settings) {
        this.settings = settings;
        this.s3 = settings.client();
    }

    /** Creates the bucket when it is missing. */
    void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw settings.explain(e, "checking");
            }
            try {
                s3.createBucket(b -> b.bucket(settings.bucket()));
                log.info("created bucket '{}' at {}", settings.bucket(), settings.where());
            } catch (SdkException c) {
                throw settings.explain(c, "creating");
            }
        } catch (SdkException e) {
            throw settings.explain(e, "checking");
        }
    }

    /**
     * The run as archived so far, or null when the bucket has nothing of it.
     *
     * @throws org.minidt.common.UserError when S3 cannot be read: the archiver stops without committing, and
     *         resumes from its last commit when restarted
     */
    ArchivedRun restore(String run, long nowMs) {
        try {
            return restoreFrom(run, nowMs);
        } catch (SdkException e) {
            throw settings.explain(e, "reading run '" + run + "' from");
        }
    }

    private ArchivedRun restoreFrom(String run, long nowMs) {
        List<WindowSummary> windows = new ArrayList<>();
        for (S3Object part : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(RunArchive.windowsPrefix(run))).contents()) {
            windows.addAll(List.of(read(part.key(), WindowSummary[].class)));
        }
        if (windows.isEmpty()) {
            return null;
        }
        RunSummary summary;
        try {
            summary = read(RunArchive.summaryKey(run), RunSummary.class);
        } catch (NoSuchKeyException e) {
            summary = null;
        }
        log.info("run {}: {} windows restored from the archive{}", run, windows.size(), summary == null ? " (no summary yet)" : "");
        return ArchivedRun.restored(run, windows, summary, nowMs);
    }

    /** Puts the objects in their order. */
    void put(Map<String, byte[]> objects) {
        objects.forEach((key, bytes) -> s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentType("application/json"),
                RequestBody.fromBytes(bytes)));
    }

    String where() {
        return "bucket '" + settings.bucket() + "' at " + settings.where();
    }

    private <T> T read(String key, Class<T> type) {
        try {
            return Json.fromBytes(s3.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(key)).asByteArray(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("archive object '" + key + "' in " + where() + " is not readable JSON", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
