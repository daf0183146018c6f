package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.store.StorageType;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.store.config.TestStorageConfig;
import io.smallrye.config.SmallRyeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the storage environment variables set up the store and quarkus-amazon-s3's clients (no network needed). */
class S3SettingsTest {

    private static Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "STORAGE_TYPE", "s3", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"));
        environment.putAll(overrides);
        return environment;
    }

    private static StorageConfig config(Map<String, String> overrides) {
        return TestStorageConfig.from(environment(overrides));
    }

    private static Optional<String> s3Setting(String name, Map<String, String> overrides) {
        SmallRyeConfig config = TestStorageConfig.resolved(environment(overrides));
        return config.getOptionalValue("quarkus.s3." + name, String.class);
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
    void theClientsGetRegionEndpointPathStyleAndAccelerateFromTheStorageVariables() {
        Map<String, String> compatible = Map.of("AWS_DEFAULT_REGION", "eu-west-1", "S3_ENDPOINT", "https://minio.example:9000",
                "S3_PATH_STYLE", "true", "S3_ACCELERATE", "true");
        assertThat(s3Setting("aws.region", compatible)).contains("eu-west-1");
        assertThat(s3Setting("endpoint-override", compatible)).contains("https://minio.example:9000");
        assertThat(s3Setting("path-style-access", compatible)).contains("true");
        assertThat(s3Setting("accelerate-mode", compatible)).contains("true");

        assertThat(s3Setting("aws.region", Map.of())).contains("us-east-1");
        assertThat(s3Setting("endpoint-override", Map.of())).isEmpty();
        assertThat(s3Setting("path-style-access", Map.of())).contains("false");
        assertThat(s3Setting("accelerate-mode", Map.of())).contains("false");
        assertThat(s3Setting("aws.credentials.custom-provider.name", Map.of())).contains(StorageCredentials.NAME);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> S3ArtifactStore.serverSideEncryption("rot13"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S3_SSE");
        assertThatThrownBy(() -> MultipartClient.requireValidParts(config(Map.of("S3_MULTIPART_CHUNK_MB", "1")).s3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S3_MULTIPART_CHUNK_MB");
    }
}
