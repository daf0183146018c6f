package dev.clipflow.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.devstack.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With local storage the gallery hands out relative /storage/... paths, which the gateway serves. */
@QuarkusTest
@TestProfile(LocalStorageModeTest.LocalStorage.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class LocalStorageModeTest {

    public static class LocalStorage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                // the storage's own property names: they win over the S3 test resource's STORAGE_TYPE
                return Map.of("clipflow.storage.type", "local",
                        "clipflow.storage.local.path", Files.createTempDirectory("gallery-local-").toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    CountingArtifactStore store;

    @Test
    void clipUrlsAreRelativeStoragePaths() {
        JobMetadata job = TestJobs.metadata(JobId.newId(), "Local talk: part 1", Instant.parse("2026-03-01T10:00:00Z"), 2);
        TestJobs.put(store, job);

        JsonPath page = given().queryParam("refresh", true).get("/clips").then().statusCode(200).extract().jsonPath();

        assertThat(page.getInt("total")).isEqualTo(2);
        assertThat(page.getString("clips[0].job_id")).isEqualTo(job.jobId());
        assertThat(page.getString("clips[0].url")).isEqualTo("/storage/" + job.jobId() + "/Local_talk_part_1_clip_1.mp4");
        assertThat(page.getString("clips[1].thumbnail_url")).isEqualTo("/storage/" + job.jobId() + "/Local_talk_part_1_clip_2.jpg");
    }
}
