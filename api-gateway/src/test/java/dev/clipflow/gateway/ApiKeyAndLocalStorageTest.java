package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.clipflow.contracts.JobId;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gateway with API keys and local storage: who gets in, and how stored files are served. */
@QuarkusTest
@TestProfile(ApiKeyAndLocalStorageTest.KeysAndLocalStorage.class)
class ApiKeyAndLocalStorageTest {

    public static class KeysAndLocalStorage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clipflow.gateway.api-keys", "first-key,second-key",
                    "clipflow.storage.type", "local",
                    "clipflow.storage.local.path", "target/test-local-storage");
        }
    }

    @Inject
    ArtifactStore store;

    @Test
    void jobsAndGalleryNeedAKeyWhileHealthOpenApiAndStorageStayOpen() {
        String unknownJob = "/jobs/" + JobId.newId();
        given().get(unknownJob).then().statusCode(401).body("error.code", equalTo("missing_api_key"))
                .header("WWW-Authenticate", "Bearer");
        given().header("X-API-Key", "wrong").get(unknownJob).then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        given().header("Authorization", "Bearer first-key").get(unknownJob).then().statusCode(404);
        given().header("X-API-Key", "second-key").get(unknownJob).then().statusCode(404);
        given().contentType("application/json").body("{}").post("/jobs").then().statusCode(401);
        given().get("/gallery").then().statusCode(401);

        given().get("/q/health/live").then().statusCode(200);
        // Readiness covers the Kafka channels and the store.
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).contains("job-requests").contains("status-view").contains("artifact-store");
        String openapi = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).as("the API documents every layout").contains("\"auto\"", "\"track\"", "\"blur\"", "\"crop\"");
        given().get("/storage/" + JobId.newId() + "/nothing.mp4").then().statusCode(404);
    }

    @Test
    void aGalleryServiceThatIsDownGivesAClear503() {
        given().header("X-API-Key", "first-key").get("/gallery?limit=5").then().statusCode(503)
                .header("Retry-After", "10").body("error.code", equalTo("gallery_unavailable"));
    }

    @Test
    void storedFilesAreServedWithRangesForSeeking() {
        assertThat(store.type()).isEqualTo(StorageType.LOCAL);
        byte[] video = SubmitJobTest.randomBytes(100_000);
        String key = JobId.newId() + "/Talk_clip_1.mp4";
        store.put(key, new ByteArrayInputStream(video), video.length, PutOptions.of("video/mp4"));

        byte[] whole = given().get("/storage/" + key).then().statusCode(200).contentType("video/mp4")
                .header("Accept-Ranges", "bytes").extract().asByteArray();
        assertThat(whole).isEqualTo(video);

        byte[] part = given().header("Range", "bytes=1000-1999").get("/storage/" + key).then().statusCode(206)
                .header("Content-Range", "bytes 1000-1999/100000").extract().asByteArray();
        assertThat(part).isEqualTo(Arrays.copyOfRange(video, 1000, 2000));

        byte[] tail = given().header("Range", "bytes=-10").get("/storage/" + key).then().statusCode(206)
                .extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(video, 99_990, 100_000));

        given().header("Range", "bytes=200000-").get("/storage/" + key).then().statusCode(416)
                .header("Content-Range", "bytes */100000");
    }

    @Test
    void keysOutsideTheStoreAreRefused() {
        // target/test-local-storage/../../pom.xml exists: none of these may serve it.
        for (String path : new String[] {"/storage/..%2F..%2Fpom.xml", "/storage/a/%2E%2E/%2E%2E/%2E%2E/pom.xml",
                "/storage/%2Fetc%2Fpasswd", "/storage/a%5C..%5C..%5C..%5Cpom.xml"}) {
            var answer = given().urlEncodingEnabled(false).get(path).then().extract();
            assertThat(answer.statusCode()).as(path).isIn(400, 404);
            assertThat(answer.asString()).as(path).doesNotContain("<project").contains("\"error\"");
        }
    }
}
