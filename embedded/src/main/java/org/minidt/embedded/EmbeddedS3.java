package org.minidt.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-protocol server in this JVM (s3proxy, in-memory store), bound to 127.0.0.1 on a free port,
 * with AWS signature v2/v4 authentication, so that clients, presigned URLs included, work as against
 * MinIO or AWS.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "minidt";
    public static final String SECRET_KEY = "minidt-secret";
    public static final String REGION = "us-east-1";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);

    private final S3Proxy proxy;
    private final URI endpoint;

    private EmbeddedS3() throws Exception {
        int port = FreePorts.next();
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        long t0 = System.nanoTime();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        log.info("S3 server (s3proxy) up at {} in {} ms", endpoint, (System.nanoTime() - t0) / 1_000_000);
    }

    public static EmbeddedS3 start() throws Exception {
        return new EmbeddedS3();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An S3 client for this server, path-style as for MinIO. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /**
     * Creates {@code bucket} and uploads every regular file below {@code dir}, keyed by its path relative to
     * {@code dir} ('/'-separated). Returns the keys in upload order.
     */
    public List<String> seed(String bucket, Path dir) throws IOException {
        try (S3Client s3 = client(); Stream<Path> files = Files.walk(dir)) {
            s3.createBucket(b -> b.bucket(bucket));
            List<String> keys = files.filter(Files::isRegularFile).sorted()
                    .map(f -> {
                        String key = dir.relativize(f).toString().replace('\\', '/');
                        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(f));
                        return key;
                    }).toList();
            log.info("seeded bucket '{}' with {} objects from {}", bucket, keys.size(), dir);
            return keys;
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        log.info("S3 server at {} stopped", endpoint);
    }
}
