package org.minidt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class EmbeddedS3Test {

    @TempDir
    Path dir;

    @Test
    void seedsABucketWithAFolderKeyedByRelativePath() throws Exception {
        Files.createDirectories(dir.resolve("run1"));
        Files.writeString(dir.resolve("run1/data_000000.txt"), "2,0,1,1,1,1\n");
        try (EmbeddedS3 s3 = EmbeddedS3.start(); S3Client client = s3.client()) {
            assertThat(s3.seed("minidt", dir)).containsExactly("run1/data_000000.txt");
            String body = client.getObjectAsBytes(b -> b.bucket("minidt").key("run1/data_000000.txt")).asUtf8String();
            assertThat(body).isEqualTo("2,0,1,1,1,1\n");
            assertThat(s3.endpoint().getHost()).isEqualTo("127.0.0.1");
        }
    }
}
