package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobRequested;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs}, fed by events on the real broker as the gateway and the workers would publish them. */
@QuarkusTest
class JobListTest {

    /** Requested far in the future, so they are the newest jobs of the view whatever other tests added. */
    private static final Instant FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private static JobRequested requestedAt(String jobId, Instant at, String title) {
        return new JobRequested(1, jobId, at, title, JobRequested.JobSource.url("https://93.184.216.34/v.mp4"),
                List.of(), null, OutputFormat.VERTICAL, null, null);
    }

    @Test
    void jobsAreListedNewestFirstAndTheCursorWalksThemWithoutRepeatsOrGaps() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String jobId = JobId.newId();
            TopicClient.publish(Topics.CLIP_JOBS, requestedAt(jobId, FUTURE.plusSeconds(10 + i), "Listed " + i));
            newestFirst.add(0, jobId);
        }
        String failedId = newestFirst.get(1);
        TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(failedId, "corrupt_input", "moov atom not found", false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/jobs/" + failedId).then()
                .body("status", equalTo("failed")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/jobs/" + newestFirst.get(4)).then()
                .statusCode(200));

        JsonPath first = given().queryParam("limit", 2).get("/jobs").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("jobs.job_id")).containsExactly(newestFirst.get(0), newestFirst.get(1));
        assertThat(first.getString("jobs[0].title")).isEqualTo("Listed 4");
        assertThat(first.getString("jobs[0].status")).isEqualTo("queued");
        assertThat(first.getString("jobs[0].created_at")).isEqualTo("2100-01-01T00:00:14Z");
        assertThat(first.getInt("jobs[0].clip_count")).isZero();
        assertThat(first.getString("jobs[0].backup.status")).isEqualTo("pending");
        assertThat(first.getString("jobs[1].error.code")).isEqualTo("corrupt_input");

        // a job arriving between two pages does not shift the next page
        TopicClient.publish(Topics.CLIP_JOBS, requestedAt(JobId.newId(), FUTURE.plusSeconds(100), "Late"));
        JsonPath second = given().queryParam("limit", 2).queryParam("cursor", first.getString("next_cursor"))
                .get("/jobs").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("jobs.job_id")).containsExactly(newestFirst.get(2), newestFirst.get(3));
        JsonPath third = given().queryParam("limit", 1).queryParam("cursor", second.getString("next_cursor"))
                .get("/jobs").then().statusCode(200).extract().jsonPath();
        assertThat(third.getList("jobs.job_id")).containsExactly(newestFirst.get(4));
    }

    @Test
    void theStatusFilterKeepsOnlyJobsInThatState() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, requestedAt(jobId, FUTURE.plusSeconds(1), "Filtered"));
        TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(jobId, "render_failed", "ffmpeg exited with 1", true));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                given().queryParam("status", "failed").queryParam("limit", 100).get("/jobs").then().statusCode(200)
                        .extract().jsonPath().getList("jobs.job_id")).contains(jobId));
        List<String> statuses = given().queryParam("status", "FAILED").queryParam("limit", 100).get("/jobs")
                .then().statusCode(200).extract().jsonPath().getList("jobs.status");
        assertThat(statuses).isNotEmpty().containsOnly("failed");
        assertThat(given().queryParam("status", "queued").queryParam("limit", 100).get("/jobs").then()
                .extract().jsonPath().getList("jobs.job_id")).doesNotContain(jobId);
    }

    @Test
    void badParametersAre422NamingTheParameter() {
        given().queryParam("status", "sleeping").get("/jobs").then().statusCode(422)
                .body("error.code", equalTo("invalid_status")).body("error.field", equalTo("status"));
        for (String limit : List.of("0", "101", "ten", "-1", "2.5")) {
            given().queryParam("limit", limit).get("/jobs").then().statusCode(422)
                    .body("error.code", equalTo("invalid_limit")).body("error.field", equalTo("limit"));
        }
        for (String cursor : List.of("garbage", "%%%", "MjEwMC0wMS0wMVQwMDowMDowMFp8bm90LWFuLWlk")) {
            given().queryParam("cursor", cursor).get("/jobs").then().statusCode(422)
                    .body("error.code", equalTo("invalid_cursor")).body("error.field", equalTo("cursor"));
        }
    }
}
