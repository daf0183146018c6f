package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.store.StorageType;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.config.TestStorageConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the storage environment variables shape the S3 clients, seen from presigned URLs (no network needed). */
class S3SettingsTest {

    private static StorageConfig config(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "STORAGE_TYPE", "s3", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"));
        environment.putAll(overrides);
        return TestStorageConfig.from(environment);
    }

    private static URI presignedUrl(Map<String, String> overrides) {
        StorageConfig config = config(overrides);
        try (S3ArtifactStore store = new S3ArtifactStore(config.s3(), Duration.ofSeconds(config.presignExpirySeconds()))) {
            return URI.create(store.urlFor("job/t_clip_1.mp4"));
        }
    }

    @Test
    void defaultsAreTheDesignDefaults() {
        StorageConfig config = config(Map.of());
        assertThat(config.type()).isEqualTo(StorageType.S3);
        assertThat(config.s3().bucket()).isEqualTo("clipflow-clips");
        assertThat(config.s3().region()).isEqualTo("us-east-1");
        assertThat(config.s3().endpoint()).isEmpty();
        assertThat(config.s3().sse()).isEmpty();
        assertThat(config.s3().multipartThresholdMb()).isEqualTo(100);
        assertThat(config.s3().multipartChunkMb()).isEqualTo(10);
        assertThat(config.s3().maxConcurrency()).isEqualTo(10);
        assertThat(config.presignExpirySeconds()).isEqualTo(3600);
    }

    @Test
    void firstNamesWinOverTheirAlternatives() {
        StorageConfig config = config(Map.of("AWS_S3_BUCKET", "first", "S3_BUCKET_NAME", "second",
                "AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-west-2"));
        assertThat(config.s3().bucket()).isEqualTo("first");
        assertThat(config.s3().region()).isEqualTo("eu-west-1");
        StorageConfig alternatives = config(Map.of("S3_BUCKET_NAME", "second", "AWS_DEFAULT_REGION", "us-west-2"));
        assertThat(alternatives.s3().bucket()).isEqualTo("second");
        assertThat(alternatives.s3().region()).isEqualTo("us-west-2");
    }

    @Test
    void awsUrlsAreVirtualHostedInTheConfiguredRegionAndExpireAsConfigured() {
        URI url = presignedUrl(Map.of("AWS_REGION", "eu-west-1", "PRESIGN_EXPIRY_SECONDS", "900"));
        assertThat(url.getHost()).isEqualTo("clipflow-clips.s3.eu-west-1.amazonaws.com");
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=900");
    }

    @Test
    void accelerateUsesTheAccelerateEndpoint() {
        assertThat(presignedUrl(Map.of("S3_ACCELERATE", "true")).getHost()).isEqualTo("clipflow-clips.s3-accelerate.amazonaws.com");
    }

    @Test
    void customEndpointWithPathStyleKeepsTheBucketInThePath() {
        URI url = presignedUrl(Map.of("S3_ENDPOINT", "https://minio.example:9000", "S3_PATH_STYLE", "true"));
        assertThat(url.getHost()).isEqualTo("minio.example");
        assertThat(url.getPath()).isEqualTo("/clipflow-clips/job/t_clip_1.mp4");
    }

    @Test
    void lifetimesBeyondSevenDaysAreCappedAtSigV4sLimit() {
        StorageConfig config = config(Map.of());
        try (S3ArtifactStore store = new S3ArtifactStore(config.s3(), Duration.ofHours(1))) {
            assertThat(store.urlFor("job/a.mp4", Duration.ofDays(30))).contains("X-Amz-Expires=604800");
        }
    }

    @Test
    void invalidSettingsAreRefusedAtStart() {
        assertThatThrownBy(() -> new S3ArtifactStore(config(Map.of("S3_SSE", "rot13")).s3(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S3_SSE");
        assertThatThrownBy(() -> new S3ArtifactStore(config(Map.of("S3_MULTIPART_CHUNK_MB", "1")).s3(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S3_MULTIPART_CHUNK_MB");
    }
}
