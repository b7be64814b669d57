package org.minidt.common;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Where a bucket is (the DAQ files, the results archive): endpoint (null for AWS itself), region, bucket, and optional static credentials
 * (otherwise the AWS default chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, ...). Path-style
 * addressing, as MinIO and s3proxy need.
 */
public record S3Settings(String endpoint, String region, String bucket, String accessKey, String secretKey) {

    /** The same server and credentials, another bucket. */
    public S3Settings withBucket(String otherBucket) {
        return new S3Settings(endpoint, region, otherBucket, accessKey, secretKey);
    }

    /** "AWS" or the endpoint, for messages. */
    public String where() {
        return endpoint == null ? "AWS" : endpoint;
    }

    /**
     * The user's view of a failed S3 call on this bucket: one line naming what to fix. {@code doing} says what
     * was being done, e.g. "listing".
     */
    public UserError explain(SdkException e, String doing) {
        if (e instanceof NoSuchBucketException || (e instanceof S3Exception s && s.statusCode() == 404)) {
            return new UserError("bucket '" + bucket + "' not found at " + where() + " — create it or pass the right --bucket", e);
        }
        if (e instanceof S3Exception s) {
            String detail = s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
                    ? s.awsErrorDetails().errorMessage() : "HTTP " + s.statusCode();
            return new UserError("S3 at " + where() + " refused " + doing + " bucket '" + bucket + "' (" + detail
                    + ") — check the credentials (--access-key/--secret-key or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)", e);
        }
        return new UserError("cannot reach S3 at " + where() + " (" + e.getMessage() + ") — start it or pass the right --s3-endpoint", e);
    }

    public S3Client client() {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .forcePathStyle(true);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public S3Presigner presigner() {
        var builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        if (accessKey != null && secretKey != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
