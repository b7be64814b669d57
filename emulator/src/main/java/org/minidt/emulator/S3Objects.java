package org.minidt.emulator;

import java.io.InputStream;
import java.util.List;
import org.minidt.common.UserError;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The DAQ files of a bucket, read with the AWS SDK v2: listed in key order and streamed, never held whole. */
final class S3Objects implements AutoCloseable {
    private final S3Client s3;
    private final S3Settings settings;

    S3Objects(S3Settings settings) {
        this.settings = settings;
        this.s3 = settings.client();
    }

    /**
     * Objects under {@code prefix} in key order, or exactly {@code keys} (checked to exist) when given.
     *
     * @throws UserError naming what to fix when the bucket, an object or the server is not usable
     */
    List<DaqObject> list(String prefix, List<String> keys, FormatRules formats) {
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
                    s3.headObject(b -> b.bucket(bucket).key(key));
                }
            }
            return names.stream().map(k -> new DaqObject("s3://" + bucket + "/" + k, formats.formatOf(k), () -> open(k))).toList();
        } catch (NoSuchBucketException e) {
            throw new UserError("bucket '" + bucket + "' not found at " + settings.where() + " — create it or pass the right --bucket");
        } catch (NoSuchKeyException e) {
            throw new UserError("an object of " + keys + " is not in bucket '" + bucket + "' at " + settings.where() + " — check the --key values");
        } catch (S3Exception e) {
            throw new UserError(refusal(e));
        } catch (SdkClientException e) {
            throw new UserError("cannot reach S3 at " + settings.where() + " (" + e.getMessage() + ") — start it or pass the right --s3-endpoint");
        }
    }

    private String refusal(S3Exception e) {
        if (e.statusCode() == 404) {
            // HEAD answers carry no error body: a 404 there is a missing object or bucket.
            return "bucket '" + settings.bucket() + "' or one of the objects " + "is missing at " + settings.where()
                    + " — check --bucket and --key";
        }
        String detail = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage() : "HTTP " + e.statusCode();
        return "S3 at " + settings.where() + " refused access to bucket '" + settings.bucket() + "' (" + detail
                + ") — check the credentials (--access-key/--secret-key or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)";
    }

    private InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (S3Exception e) {
            throw new UserError("cannot read object '" + key + "' of bucket '" + settings.bucket() + "' at " + settings.where()
                    + ": HTTP " + e.statusCode());
        } catch (SdkClientException e) {
            throw new UserError("cannot read object '" + key + "' at " + settings.where() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
