package dev.clipflow.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.StorageType;
import dev.clipflow.store.health.StorageReadinessCheck;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(S3StorageSelectedTest.S3WithMissingBucket.class)
class S3StorageSelectedTest {

    public static class S3WithMissingBucket implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ForQuarkusTests.class));
        }
    }

    @Inject
    ArtifactStore store;

    @Inject
    StorageConfig config;

    @Inject
    @Readiness
    StorageReadinessCheck readiness;

    @TestHTTPResource("/q/health/ready")
    URI readinessEndpoint;

    @Test
    void storageTypeS3SelectsTheS3StoreWithTheFallbackVariableNames() {
        assertThat(store.type()).isEqualTo(StorageType.S3);
        assertThat(config.s3().bucket()).isEqualTo(S3ForQuarkusTests.MISSING_BUCKET);
        assertThat(config.s3().region()).isEqualTo("us-east-1");
        assertThat(store.urlFor("job/t_clip_1.mp4")).contains("X-Amz-Expires=120").contains(S3ForQuarkusTests.MISSING_BUCKET);
    }

    @Test
    void readinessIsDownAndSaysTheBucketDoesNotExist() throws Exception {
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("reason").toString())
                .contains(S3ForQuarkusTests.MISSING_BUCKET).contains("does not exist");

        HttpResponse<String> http = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(readinessEndpoint).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(http.statusCode()).isEqualTo(503);
        assertThat(http.body()).contains("artifact-store").contains("does not exist");
    }
}
