package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobStarted;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code DELETE /jobs/{id}} against the real broker: the cancellation every consumer reads, and the answers after it. */
@QuarkusTest
class JobCancelTest {

    @Test
    void deletingAJobPutsOneCancellationOnClipEventsAndItsStatusIsThen410() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, JobStatusTest.requested(jobId, null));
        TopicClient.publish(Topics.CLIP_EVENTS, JobStarted.now(jobId, "worker-1"));
        TopicClient.publish(Topics.CLIP_EVENTS, JobProgress.now(jobId, 30, "rendering"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                .body("status", equalTo("processing")));

        given().delete("/jobs/" + jobId).then().statusCode(202)
                .body("job_id", equalTo(jobId)).body("status", equalTo("cancelled"));

        List<ClipflowEvent> cancellations = TopicClient.readAll(Topics.CLIP_EVENTS).stream()
                .filter(r -> jobId.equals(r.key())).map(r -> r.value()).filter(JobCancelled.class::isInstance).toList();
        assertThat(cancellations).singleElement().satisfies(e -> assertThat(((JobCancelled) e).by()).isEqualTo("api"));
        given().get("/jobs/" + jobId).then().statusCode(410).body("error.code", equalTo("job_deleted"));
        given().get("/jobs/" + jobId + "/events").then().statusCode(410);
        assertThat(given().queryParam("limit", 100).get("/jobs").then().extract().jsonPath().getList("jobs.job_id"))
                .doesNotContain(jobId);
        assertThat(given().queryParam("status", "cancelled").queryParam("limit", 100).get("/jobs").then()
                .extract().jsonPath().getList("jobs.job_id")).contains(jobId);

        // a worker that finished just then does not bring the job back
        TopicClient.publish(Topics.CLIP_EVENTS, JobStatusTest.rendered(jobId));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().get("/jobs/" + jobId).then().statusCode(410));

        // deleting again is harmless: the cancellation goes out again, the answer is the same
        given().delete("/jobs/" + jobId).then().statusCode(202).body("status", equalTo("cancelled"));
    }

    @Test
    void aQueuedJobCanBeDeletedAndItsListingFollows() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, JobStatusTest.requested(jobId, null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/jobs/" + jobId).then().statusCode(200));
        given().delete("/jobs/" + jobId).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/jobs/" + jobId).then().statusCode(410));
        assertThat(TopicClient.find(Topics.CLIP_EVENTS, jobId, JobCancelled.class)).isPresent();
        assertThat(TopicClient.find(Topics.CLIP_EVENTS, jobId, JobRendered.class)).isEmpty();
    }

    @Test
    void unknownIdsAre404AndMalformedIds400WithoutAnyCancellation() {
        String unknown = JobId.newId();
        given().delete("/jobs/" + unknown).then().statusCode(404).body("error.code", equalTo("job_not_found"));
        given().delete("/jobs/not-a-uuid").then().statusCode(422).body("error.code", equalTo("invalid_job_id"));
        given().delete("/jobs/%20").then().statusCode(422);
        assertThat(TopicClient.find(Topics.CLIP_EVENTS, unknown, JobCancelled.class)).isEmpty();
    }
}
