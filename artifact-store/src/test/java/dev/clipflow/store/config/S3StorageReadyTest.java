package dev.clipflow.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageType;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a service sees with devstack's S3TestResource: the S3 store, ready, presigned URLs that work. */
@QuarkusTest
@TestProfile(S3StorageReadyTest.DevstackS3.class)
class S3StorageReadyTest {

    public static class DevstackS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3TestResource.class));
        }
    }

    @Inject
    ArtifactStore store;

    @TestHTTPResource("/q/health/ready")
    URI readinessEndpoint;

    @Test
    void injectedStoreWritesToTheBucketAndReadinessIsUp() throws Exception {
        assertThat(store.type()).isEqualTo(StorageType.S3);
        store.put("ready-test/t_metadata.json", new ByteArrayInputStream(new byte[] {'{', '}'}), 2, PutOptions.of("application/json"));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> object = http.send(HttpRequest.newBuilder(URI.create(store.urlFor("ready-test/t_metadata.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(readinessEndpoint).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(object.body()).isEqualTo("{}");
        assertThat(S3TestResource.server().isRunning()).isTrue();
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("artifact-store").contains("\"type\": \"s3\"");
    }
}
