package org.minidt.emulator;

import java.net.URI;
import java.util.List;
import org.minidt.common.DaqFormat;
import org.minidt.common.UserError;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The DAQ files of a bucket, read with the AWS SDK v2: listed in key order and streamed, never held whole. */
final class S3Objects implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String where;

    S3Objects(S3Settings settings) {
        this.bucket = settings.bucket();
        this.where = settings.endpoint() == null ? "AWS" : settings.endpoint();
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(true);
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        this.s3 = builder.build();
    }

    /** Objects under {@code prefix} in key order, or exactly {@code keys} when given. */
    List<DaqObject> list(String prefix, List<String> keys, DaqFormat format) {
        try {
            List<String> names = keys.isEmpty()
                    ? s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                            .map(S3Object::key).sorted().toList()
                    : keys;
            if (names.isEmpty()) {
                throw new UserError("no objects under prefix '" + prefix + "' in bucket '" + bucket + "' at " + where
                        + " — upload DAQ files or pass another --prefix");
            }
            return names.stream().map(k -> new DaqObject("s3://" + bucket + "/" + k, format,
                    () -> open(k))).toList();
        } catch (NoSuchBucketException e) {
            throw new UserError("bucket '" + bucket + "' not found at " + where + " — create it or pass --bucket");
        } catch (S3Exception e) {
            throw new UserError("S3 at " + where + " refused to list bucket '" + bucket + "': "
                    + e.awsErrorDetails().errorMessage() + " — check the credentials (--access-key/--secret-key or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)");
        } catch (SdkClientException e) {
            throw new UserError("cannot reach S3 at " + where + " (" + e.getMessage() + ") — start it or pass the right --s3-endpoint");
        }
    }

    private java.io.InputStream open(String key) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw new UserError("cannot read object '" + key + "' of bucket '" + bucket + "' at " + where + ": "
                    + e.awsErrorDetails().errorMessage());
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKey() != null && settings.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        s3.close();
    }
}
