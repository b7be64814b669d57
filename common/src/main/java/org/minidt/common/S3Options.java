package org.minidt.common;

import picocli.CommandLine.Option;

/**
 * Where the S3 server is and how to sign in, as a picocli mixin ({@code @Mixin S3Options s3}); each service
 * adds its own bucket option and calls {@link #settings(String)}.
 */
public final class S3Options {
    @Option(names = "--s3-endpoint", defaultValue = "${env:MINIDT_S3_ENDPOINT}",
            description = "S3 endpoint URL, e.g. http://127.0.0.1:9000 for MinIO; unset for AWS (MINIDT_S3_ENDPOINT).")
    String endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:MINIDT_S3_REGION:-${env:AWS_REGION:-us-east-1}}",
            description = "S3 region (MINIDT_S3_REGION, AWS_REGION). Default: ${DEFAULT-VALUE}")
    String region;

    @Option(names = "--access-key", defaultValue = "${env:AWS_ACCESS_KEY_ID}",
            description = "S3 access key (AWS_ACCESS_KEY_ID; otherwise the AWS default credential chain).")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:AWS_SECRET_ACCESS_KEY}",
            description = "S3 secret key (AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    public S3Settings settings(String bucket) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey);
    }
}
