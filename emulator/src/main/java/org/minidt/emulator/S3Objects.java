package org.minidt.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.minidt.common.S3Settings;
import org.minidt.common.UserError;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The DAQ files of a bucket, read with the AWS SDK v2: listed in key order and streamed, never held whole. The
 * client stays open until the list is closed: the objects are streamed through it.
 */
final class S3Objects implements EmulatorSource.ObjectList {
    private final S3Client s3;
    private final S3Settings settings;
    private List<DaqObject> objects;

    private S3Objects(S3Settings settings) {
        this.settings = settings;
        this.s3 = settings.client();
    }

    /** Objects under {@code prefix} in key order, or exactly {@code keys} (checked to exist) when given. */
    static S3Objects open(S3Settings settings, String prefix, List<String> keys, FormatRules formats) {
        S3Objects list = new S3Objects(settings);
        try {
            list.objects = list.list(prefix, keys, formats);
            return list;
        } catch (RuntimeException e) {
            list.close();
            throw e;
        }
    }

    @Override
    public List<DaqObject> objects() {
        return objects;
    }

    /** @throws UserError naming what to fix when the bucket, an object or the server is not usable */
    private List<DaqObject> list(String prefix, List<String> keys, FormatRules formats) {
        String bucket = settings.bucket();
        try {
            List<String> names;
            if (keys.isEmpty()) {
                names = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                        .map(S3Object::key).sorted().toList();
                if (names.isEmpty()) {
                    throw new UserError("no objects under prefix '" + prefix + "' in bucket '" + bucket + "' at "
                            + settings.where() + " — upload DAQ files or pass another --prefix");
                }
            } else {
                names = keys;
                for (String key : keys) {
                    requireObject(key);
                }
            }
            return names.stream().map(k -> new DaqObject("s3://" + bucket + "/" + k, formats.formatOf(k), () -> open(k))).toList();
        } catch (SdkException e) {
            throw settings.explain(e, "listing");
        }
    }

    /** Checks that an explicitly named object exists (HEAD answers carry no error code: 404 is the answer). */
    private void requireObject(String key) {
        try {
            s3.headObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw settings.explain(e, "reading object '" + key + "' of");
            }
            // A missing bucket answers 404 too: list it to tell the two apart.
            s3.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1));
            throw new UserError("object '" + key + "' not found in bucket '" + settings.bucket() + "' at " + settings.where()
                    + " — check the --key values");
        }
    }

    private InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw new IOException("cannot read object '" + key + "' of bucket '" + settings.bucket() + "' at " + settings.where()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
