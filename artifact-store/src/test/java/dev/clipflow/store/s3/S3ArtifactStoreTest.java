package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.devstack.S3Server;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ArtifactStoreContract;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageUnavailableException;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.config.TestStorageConfig;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

class S3ArtifactStoreTest extends ArtifactStoreContract {

    static final String BUCKET = "clipflow-contract";

    static S3Server server;
    static S3ArtifactStore store;
    static S3Client inspector;

    @BeforeAll
    static void startServer() {
        server = S3Server.start(S3Server.Mode.IN_MEMORY);
        server.createBucket(BUCKET);
        inspector = S3Inspector.on(server);
        store = new S3ArtifactStore(config(Map.of()).s3(), Duration.ofHours(1));
    }

    @AfterAll
    static void stopServer() {
        store.close();
        inspector.close();
        server.close();
    }

    /** The store's configuration as a deployment gives it: the documented environment variable names. */
    static StorageConfig config(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "STORAGE_TYPE", "s3",
                "S3_ENDPOINT", server.endpoint(),
                "S3_PATH_STYLE", "true",
                "AWS_S3_BUCKET", BUCKET,
                "AWS_REGION", server.region(),
                "AWS_ACCESS_KEY_ID", server.accessKey(),
                "AWS_SECRET_ACCESS_KEY", server.secretKey(),
                "S3_SSE", "AES256"));
        environment.putAll(overrides);
        environment.values().removeIf(String::isEmpty);
        return TestStorageConfig.from(environment);
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected void assertNoTraceOfFailedUploads(String key) {
        assertThat(inspector.listMultipartUploads(b -> b.bucket(BUCKET)).uploads())
                .extracting(MultipartUpload::key)
                .doesNotContain(key);
    }

    @Override
    protected void assertStoredInParts(ObjectInfo head) {
        assertThat(head.etag()).as("150 MB in 10 MB parts").endsWith("-15");
    }

    @Test
    void everyPutCarriesTheConfiguredEncryptionAndTheChecksumAsMetadata() {
        String key = job + "/t_clip_1.mp4";
        byte[] bytes = randomBytes(1000, 20);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("video/mp4").withSha256(sha256(bytes)));

        HeadObjectResponse head = inspector.headObject(b -> b.bucket(BUCKET).key(key));

        assertThat(head.metadata()).containsEntry("sha256", sha256(bytes));
        assertThat(head.serverSideEncryptionAsString()).isEqualTo("AES256");
    }

    @Test
    void presignedUrlIsFetchableOverHttpAndRefusedAfterExpiry() throws Exception {
        String key = job + "/My title_clip_1.mp4";
        byte[] bytes = randomBytes(5000, 21);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("video/mp4"));
        HttpClient http = HttpClient.newHttpClient();

        String url = store.urlFor(key, Duration.ofSeconds(2));
        HttpResponse<byte[]> fresh = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(3_500);
        HttpResponse<byte[]> expired = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> unsigned = http.send(HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf('?')))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).isEqualTo(bytes);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }

    @Test
    void urlWithoutLifetimeUsesTheConfiguredExpiry() {
        String url = store.urlFor(job + "/t_clip_1.mp4");
        assertThat(url).contains("X-Amz-Expires=3600").startsWith(server.endpoint() + "/" + BUCKET + "/");
    }

    @Test
    void missingBucketIsReportedWithTheReason() {
        try (S3ArtifactStore missing = new S3ArtifactStore(config(Map.of("AWS_S3_BUCKET", "no-such-bucket")).s3(), Duration.ofHours(1))) {
            assertThatThrownBy(missing::checkReachable).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("'no-such-bucket'").hasMessageContaining("does not exist");
        }
    }

    @Test
    void wrongCredentialsAreReportedWithTheReason() {
        try (S3ArtifactStore wrong = new S3ArtifactStore(config(Map.of("AWS_SECRET_ACCESS_KEY", "not-the-secret")).s3(), Duration.ofHours(1))) {
            assertThatThrownBy(wrong::checkReachable).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("wrong credentials");
        }
    }

    @Test
    void unreachableEndpointIsReportedAsUnavailable() {
        try (S3ArtifactStore down = new S3ArtifactStore(config(Map.of("S3_ENDPOINT", "http://127.0.0.1:9")).s3(), Duration.ofHours(1))) {
            assertThatThrownBy(down::checkReachable).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("unreachable");
            assertThatThrownBy(() -> down.head(job + "/x.mp4")).isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> {
                try (var listing = down.list(job + "/", ".json")) {
                    listing.count();
                }
            }).isInstanceOf(StorageUnavailableException.class);
        }
    }

    @Test
    void withoutStaticKeysTheDefaultChainIsUsed() {
        System.setProperty("aws.accessKeyId", server.accessKey());
        System.setProperty("aws.secretAccessKey", server.secretKey());
        try (S3ArtifactStore chained = new S3ArtifactStore(
                config(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "")).s3(), Duration.ofHours(1))) {
            assertThat(chained.usesStaticKeys()).isFalse();
            String key = job + "/t_metadata.json";

            chained.put(key, new ByteArrayInputStream(new byte[] {'{', '}'}), 2, PutOptions.of("application/json"));

            assertThat(chained.getBytes(key)).containsExactly('{', '}');
            chained.checkReachable();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void staticKeysAreUsedWhenBothAreGiven() {
        assertThat(store.usesStaticKeys()).isTrue();
        try (S3ArtifactStore half = new S3ArtifactStore(config(Map.of("AWS_SECRET_ACCESS_KEY", "")).s3(), Duration.ofHours(1))) {
            assertThat(half.usesStaticKeys()).isFalse();
        }
    }
}
