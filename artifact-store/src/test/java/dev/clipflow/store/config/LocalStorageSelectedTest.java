package dev.clipflow.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageType;
import dev.clipflow.store.health.StorageReadinessCheck;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LocalStorageSelectedTest {

    @Inject
    ArtifactStore store;

    @Inject
    StorageConfig config;

    @Inject
    @Readiness
    StorageReadinessCheck readiness;

    @Test
    void localStoreIsTheDefaultAndWritesUnderLocalStoragePath() {
        assertThat(config.type()).isEqualTo(StorageType.LOCAL);
        assertThat(store.type()).isEqualTo(StorageType.LOCAL);
        assertThat(config.s3().bucket()).isEqualTo("clipflow-clips");
        assertThat(config.s3().multipartThresholdMb()).isEqualTo(100);
        assertThat(config.presignExpirySeconds()).isEqualTo(3600);

        store.put("producer-test/t_metadata.json", new ByteArrayInputStream(new byte[] {'{', '}'}), 2, PutOptions.of("application/json"));

        assertThat(Files.exists(Path.of("target/quarkus-storage/producer-test/t_metadata.json"))).isTrue();
        assertThat(store.urlFor("producer-test/t_metadata.json")).isEqualTo("/storage/producer-test/t_metadata.json");
    }

    @Test
    void readinessIsUpWhenTheRootIsWritable() {
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("type", "local");
    }
}
