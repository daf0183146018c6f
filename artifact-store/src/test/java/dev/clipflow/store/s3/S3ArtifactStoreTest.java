package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageUnavailableException;
import dev.clipflow.store.config.StorageConfig;
import io.quarkiverse.amazon.common.AmazonClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 store as a service gets it: on quarkus-amazon-s3's clients, configured from the storage variables. */
@QuarkusTest
@TestProfile(S3ArtifactStoreTest.InMemoryServer.class)
class S3ArtifactStoreTest extends S3StoreContract {

    public static class InMemoryServer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ContractServer.class, Map.of("mode", "in-memory")));
        }
    }

    @Inject
    S3AsyncClient async;

    @Inject
    S3Presigner presigner;

    @Inject
    @AmazonClient("wrong-secret")
    S3Client wrongSecret;

    @Inject
    @AmazonClient("unreachable")
    S3Client unreachable;

    @Inject
    S3Client sync;

    /** A second store on the given client, with another bucket and endpoint in its own settings. */
    private S3ArtifactStore storeWith(S3Client client, String bucket, URI endpoint) {
        StorageConfig.S3 real = config.s3();
        StorageConfig.S3 changed = (StorageConfig.S3) Proxy.newProxyInstance(StorageConfig.S3.class.getClassLoader(),
                new Class<?>[] {StorageConfig.S3.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "bucket" -> bucket;
                    case "endpoint" -> Optional.of(endpoint);
                    default -> method.invoke(real, args);
                });
        return new S3ArtifactStore(changed, Duration.ofHours(1), client, async, presigner);
    }

    @Test
    void everyPutCarriesTheConfiguredEncryptionAndTheChecksumAsMetadata() {
        String key = job + "/t_clip_1.mp4";
        byte[] bytes = randomBytes(1000, 20);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("video/mp4").withSha256(sha256(bytes)));

        HeadObjectResponse head = inspector.headObject(b -> b.bucket(ContractServer.BUCKET).key(key));

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
    void urlWithoutLifetimeUsesTheConfiguredExpiryAndKeepsTheBucketInThePath() {
        String url = store.urlFor(job + "/t_clip_1.mp4");
        assertThat(url).contains("X-Amz-Expires=3600")
                .startsWith(config.s3().endpoint().orElseThrow() + "/" + ContractServer.BUCKET + "/");
    }

    @Test
    void lifetimesBeyondSevenDaysAreCappedAtSigV4sLimit() {
        assertThat(store.urlFor(job + "/a.mp4", Duration.ofDays(30))).contains("X-Amz-Expires=604800");
    }

    @Test
    void missingBucketIsReportedWithTheReason() {
        try (S3ArtifactStore missing = storeWith(sync, "no-such-bucket", config.s3().endpoint().orElseThrow())) {
            assertThatThrownBy(missing::checkReachable).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("'no-such-bucket'").hasMessageContaining("does not exist");
        }
    }

    @Test
    void wrongCredentialsAreReportedWithTheReason() {
        try (S3ArtifactStore wrong = storeWith(wrongSecret, config.s3().bucket(), config.s3().endpoint().orElseThrow())) {
            assertThatThrownBy(wrong::checkReachable).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("wrong credentials");
        }
    }

    @Test
    void unreachableEndpointIsReportedAsUnavailable() {
        try (S3ArtifactStore down = storeWith(unreachable, config.s3().bucket(), URI.create("http://127.0.0.1:9"))) {
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
}
