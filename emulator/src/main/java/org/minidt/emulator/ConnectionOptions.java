package org.minidt.emulator;

import org.minidt.common.KafkaOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where Kafka and S3 are: the options the emulator and the DAQ simulator share. */
final class ConnectionOptions {
    @Mixin
    KafkaOption kafka;

    @Option(names = "--s3-endpoint", defaultValue = "${env:MINIDT_S3_ENDPOINT}",
            description = "S3 endpoint URL, e.g. http://127.0.0.1:9000 for MinIO; unset for AWS (MINIDT_S3_ENDPOINT).")
    String s3Endpoint;

    @Option(names = "--s3-region", defaultValue = "${env:MINIDT_S3_REGION:-${env:AWS_REGION:-us-east-1}}",
            description = "S3 region (MINIDT_S3_REGION, AWS_REGION). Default: ${DEFAULT-VALUE}")
    String s3Region;

    @Option(names = "--bucket", defaultValue = "${env:MINIDT_BUCKET:-minidt}",
            description = "Bucket holding the DAQ files (MINIDT_BUCKET). Default: ${DEFAULT-VALUE}")
    String bucket;

    @Option(names = "--access-key", defaultValue = "${env:AWS_ACCESS_KEY_ID}",
            description = "S3 access key (AWS_ACCESS_KEY_ID; otherwise the AWS default credential chain).")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:AWS_SECRET_ACCESS_KEY}",
            description = "S3 secret key (AWS_SECRET_ACCESS_KEY).")
    String secretKey;

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    S3Settings s3() {
        return new S3Settings(s3Endpoint, s3Region, bucket, accessKey, secretKey);
    }
}
