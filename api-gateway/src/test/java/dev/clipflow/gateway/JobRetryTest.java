package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code POST /jobs/{id}/retry}: a failed job whose reason may pass is submitted again; anything else is refused. */
@QuarkusTest
class JobRetryTest {

    @Inject
    ArtifactStore store;

    private static void awaitStatus(String jobId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/jobs/" + jobId).then().statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void aJobThatFailedForAPassingReasonRunsAgainAsANewJobWithItsOwnCopyOfTheUpload() {
        byte[] video = SubmitJobTest.randomBytes(200_000);
        String failed = given().multiPart("title", "Retry me")
                .multiPart("clips", "[{\"start\": 1, \"end\": 4}]")
                .multiPart("file", "talk.mp4", video, "video/mp4")
                .post("/jobs").then().statusCode(202).extract().path("job_id");
        TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(failed, FailureCode.STORAGE_UNAVAILABLE, "storage was down", true));
        awaitStatus(failed, "failed");

        String again = given().post("/jobs/" + failed + "/retry").then().statusCode(202)
                .body("status", equalTo("queued")).body("retry_of", equalTo(failed))
                .extract().path("job_id");

        assertThat(again).isNotEqualTo(failed);
        JobRequested original = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, failed, JobRequested.class).orElseThrow();
        JobRequested retried = (JobRequested) TopicClient.find(Topics.CLIP_JOBS, again, JobRequested.class).orElseThrow();
        assertThat(retried.clips()).isEqualTo(original.clips());
        assertThat(retried.title()).isEqualTo("Retry me");
        assertThat(retried.source().storageKey()).isEqualTo("uploads/" + again + "/source.mp4");
        assertThat(store.getBytes(retried.source().storageKey())).isEqualTo(video);
        assertThat(store.getBytes(original.source().storageKey())).isEqualTo(video);
        given().get("/jobs/" + again).then().statusCode(200).body("status", equalTo("queued"));
        given().get("/jobs/" + failed).then().body("status", equalTo("failed"));
    }

    @Test
    void aJobThatFailedForGoodOrDidNotFailIs409() {
        String corrupt = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, JobStatusTest.requested(corrupt, null));
        TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(corrupt, FailureCode.CORRUPT_INPUT, "moov atom not found", false));
        awaitStatus(corrupt, "failed");
        given().post("/jobs/" + corrupt + "/retry").then().statusCode(409).body("error.code", equalTo("not_retryable"));

        String queued = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, JobStatusTest.requested(queued, null));
        awaitStatus(queued, "queued");
        given().post("/jobs/" + queued + "/retry").then().statusCode(409).body("error.code", equalTo("not_retryable"));

        given().post("/jobs/" + JobId.newId() + "/retry").then().statusCode(404);
        given().post("/jobs/nope/retry").then().statusCode(422).body("error.code", equalTo("invalid_job_id"));
    }
}
