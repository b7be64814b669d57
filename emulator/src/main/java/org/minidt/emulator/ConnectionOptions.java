package org.minidt.emulator;

import org.minidt.common.KafkaOption;
import org.minidt.common.S3Options;
import org.minidt.common.S3Settings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where Kafka and S3 are: the options the emulator and the DAQ simulator share. */
final class ConnectionOptions {
    @Mixin
    KafkaOption kafka;

    @Mixin
    S3Options s3;

    @Option(names = "--bucket", defaultValue = "${env:MINIDT_BUCKET:-minidt}",
            description = "Bucket holding the DAQ files (MINIDT_BUCKET). Default: ${DEFAULT-VALUE}")
    String bucket;

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    S3Settings s3() {
        return s3.settings(bucket);
    }
}
