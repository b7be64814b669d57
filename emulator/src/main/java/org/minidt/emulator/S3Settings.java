package org.minidt.emulator;

/** Where the DAQ files are: endpoint (null for AWS itself), region, bucket, and optional static credentials. */
public record S3Settings(String endpoint, String region, String bucket, String accessKey, String secretKey) {
}
