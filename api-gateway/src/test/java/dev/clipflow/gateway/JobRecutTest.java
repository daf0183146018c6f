package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.contracts.FrameLayout;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /jobs/{id}/clips}: a recut of a completed job, checked like a job and queued behind it on clip-jobs. */
@QuarkusTest
class JobRecutTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ArtifactStore store;

    @Inject
    ObjectMapper json;

    @Test
    void aRecutOfAStoredJobIsQueuedAndItsClipsAreAddedAfterTheJobsOwnInTheStatus() {
        String jobId = storedJob();

        String recutId = given().contentType("application/json")
                .body("{\"clips\":[{\"start\":5,\"end\":8,\"title\":\"Again\"}],\"layout\":\"crop\"}")
                .post("/jobs/" + jobId + "/clips").then().statusCode(202)
                .header("Location", endsWith("/jobs/" + jobId)).body("job_id", equalTo(jobId))
                .extract().path("recut_id");

        ClipsRequested recut = (ClipsRequested) TopicClient.find(Topics.CLIP_JOBS, jobId, ClipsRequested.class).orElseThrow();
        assertThat(recut.recutId()).isEqualTo(recutId);
        assertThat(recut.source().storageKey()).isEqualTo("uploads/" + jobId + "/source.mp4");
        assertThat(recut.clips()).singleElement().satisfies(c -> assertThat(c.start()).isEqualTo(5.0));
        assertThat(recut.layout()).isEqualTo(FrameLayout.CROP);
        assertThat(recut.outputFormat()).as("the job's own format").isNull();
        given().get("/jobs/" + jobId).then().body("status", equalTo("completed"))
                .body("recuts[0].recut_id", equalTo(recutId)).body("recuts[0].status", equalTo("queued"));

        // the job has two clips: its worker numbers the recut's third
        TopicClient.publish(Topics.CLIP_EVENTS, new JobRendered(1, jobId, Instant.now(), "Status_talk", jobId + "/Status_talk_metadata.json",
                List.of(new JobRendered.RenderedArtifact("Status_talk_clip_3.mp4", ArtifactKind.CLIP, 3, 100, "ab"),
                        new JobRendered.RenderedArtifact("Status_talk_metadata.json", ArtifactKind.METADATA, null, 10, "cd")),
                List.of(new JobRendered.RenderedClip(3, "Again", 3, 1080, 1920, "Status_talk_clip_3.mp4", "Status_talk_clip_3.jpg")),
                null, recutId));
        await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                .body("recuts[0].status", equalTo("completed"))
                .body("recuts[0].backup.status", equalTo("pending"))
                .body("backup.status", equalTo("stored"))
                .body("result.clips", hasSize(3))
                .body("result.clips[0].title", equalTo("The hook"))
                .body("result.clips[2].title", equalTo("Again"))
                .body("result.clips[2].url", containsString(jobId + "/Status_talk_clip_3.mp4")));
        // its uploader's outcome names the recut: the recut's clips are in storage from here on
        TopicClient.publish(Topics.UPLOAD_EVENTS, new ArtifactsStored(1, jobId, Instant.now(), List.of(),
                jobId + "/Status_talk_metadata.json", recutId));
        await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                .body("recuts[0].backup.status", equalTo("stored")));

        String failing = given().contentType("application/json").body("{\"clips\":[{\"start\":50,\"end\":90}]}")
                .post("/jobs/" + jobId + "/clips").then().statusCode(202).extract().path("recut_id");
        TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.recut(jobId, failing, FailureCode.RANGE_OUT_OF_BOUNDS,
                "clip 1 (50.000-90.000 s) ends after the end of the source (10.000 s)", false));
        await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                .body("status", equalTo("completed"))
                .body("result.clips", hasSize(3))
                .body("recuts[1].recut_id", equalTo(failing))
                .body("recuts[1].status", equalTo("failed"))
                .body("recuts[1].error.code", equalTo("range_out_of_bounds"))
                .body("recuts[1].backup.status", equalTo("skipped")));
    }

    @Test
    void aRecutPastTheEndOfTheSourceIsRefusedAtOnceWhenTheJobsMetadataGivesTheSourcesDuration() {
        String jobId = storedJob();
        String metadataKey = ObjectKeys.metadata(jobId, "Status_talk");
        byte[] metadata = ClipflowJson.encodeMetadata(new JobMetadata(jobId, "Status talk", Instant.now(), "talk.mp4",
                OutputFormat.VERTICAL, List.of(), null, null, 60.0));
        store.put(metadataKey, new ByteArrayInputStream(metadata), metadata.length, PutOptions.of("application/json"));
        String path = "/jobs/" + jobId + "/clips";

        recut(path, "{\"clips\":[{\"start\":10,\"end\":20},{\"start\":50,\"end\":70}]}").statusCode(422)
                .body("error.code", equalTo("range_out_of_bounds")).body("error.field", equalTo("clips[1].end"))
                .body("error.message", containsString("60.000 s"));
        given().get("/jobs/" + jobId).then().body("recuts", org.hamcrest.Matchers.nullValue());
        assertThat(TopicClient.find(Topics.CLIP_JOBS, jobId, ClipsRequested.class)).as("nothing queued").isEmpty();

        recut(path, "{\"clips\":[{\"start\":50,\"end\":60}]}").statusCode(202);
    }

    @Test
    void aRecutIsRefusedLikeAJobForBadOptionsAndUntilTheJobIsStoredAndOnceItsSourceIsGone() {
        String jobId = storedJob();
        String path = "/jobs/" + jobId + "/clips";
        recut(path, "{\"clips\":[]}").statusCode(422).body("error.code", equalTo("missing_clips"));
        recut(path, "{\"clips\":[{\"start\":4,\"end\":2}]}").statusCode(422)
                .body("error.code", equalTo("invalid_clip_range")).body("error.field", equalTo("clips[0].end"));
        recut(path, "{\"clips\":[{\"start\":1,\"end\":2}],\"layout\":\"zoom\"}").statusCode(422)
                .body("error.code", equalTo("unknown_layout"));
        recut(path, "{\"clips\":[{\"start\":1,\"end\":2}],\"output_format\":\"round\"}").statusCode(422)
                .body("error.code", equalTo("unknown_output_format"));
        recut(path, "{\"clips\":[{\"start\":1,\"end\":2}],\"source_url\":\"https://93.184.216.34/v.mp4\"}").statusCode(422)
                .body("error.field", equalTo("source_url"));
        recut(path, "{\"clips\":").statusCode(400);

        String queued = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, JobStatusTest.requested(queued, null));
        await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/" + queued).then().statusCode(200));
        recut("/jobs/" + queued + "/clips", "{\"clips\":[{\"start\":1,\"end\":2}]}").statusCode(409)
                .body("error.code", equalTo("job_not_completed"));
        recut("/jobs/" + JobId.newId() + "/clips", "{\"clips\":[{\"start\":1,\"end\":2}]}").statusCode(404);
        recut("/jobs/nope/clips", "{\"clips\":[{\"start\":1,\"end\":2}]}").statusCode(422)
                .body("error.code", equalTo("invalid_job_id"));

        store.deleteAll("uploads/" + jobId + "/");
        recut(path, "{\"clips\":[{\"start\":1,\"end\":2}]}").statusCode(410)
                .body("error.code", equalTo("source_deleted"))
                .body("error.message", containsString("SOURCE_RETENTION_HOURS"));

        given().delete("/jobs/" + jobId).then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() ->
                recut(path, "{\"clips\":[{\"start\":1,\"end\":2}]}").statusCode(410).body("error.code", equalTo("job_deleted")));
    }

    @Test
    void aRecutOfAJobWithAWebhookCallsItWithTheRecutsIdAndOwnClipsSignedLikeTheJobsOutcome() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            String jobId = JobId.newId();
            String url = receiver.url();
            List<String> bodies = receiver.bodies;
            List<String> signatures = receiver.signatures;
            TopicClient.publish(Topics.CLIP_JOBS, JobStatusTest.requested(jobId, new JobRequested.Webhook(url, "top-secret")));
            TopicClient.publish(Topics.CLIP_EVENTS, JobStatusTest.rendered(jobId));
            TopicClient.publish(Topics.UPLOAD_EVENTS, new ArtifactsStored(1, jobId, Instant.now(), List.of(),
                    jobId + "/Status_talk_metadata.json"));
            await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                    .body("backup.status", equalTo("stored")));
            String recutId = recut("/jobs/" + jobId + "/clips", "{\"clips\":[{\"start\":5,\"end\":8}]}").statusCode(202)
                    .extract().path("recut_id");
            TopicClient.publish(Topics.CLIP_EVENTS, new JobRendered(1, jobId, Instant.now(), "Status_talk",
                    jobId + "/Status_talk_metadata.json",
                    List.of(new JobRendered.RenderedArtifact("Status_talk_clip_3.mp4", ArtifactKind.CLIP, 3, 100, "ab"),
                            new JobRendered.RenderedArtifact("Status_talk_metadata.json", ArtifactKind.METADATA, null, 10, "cd")),
                    List.of(new JobRendered.RenderedClip(3, "Again", 3, 1080, 1920, "Status_talk_clip_3.mp4",
                            "Status_talk_clip_3.jpg")), null, recutId));
            String failing = JobId.newId();
            TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.recut(jobId, failing, FailureCode.RANGE_OUT_OF_BOUNDS,
                    "past the end", false));

            await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() >= 3);
            assertThat(bodies).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(signatures.get(i)).isEqualTo("sha256=" + JobStatusTest.hmac("top-secret", bodies.get(i)));
            }
            assertThat(json.readTree(bodies.get(0)).path("event").asText()).isEqualTo("job.completed");
            assertThat(json.readTree(bodies.get(0)).has("recut_id")).isFalse();
            JsonNode done = json.readTree(bodies.get(1));
            assertThat(done.path("event").asText()).isEqualTo("job.recut.completed");
            assertThat(done.path("job_id").asText()).isEqualTo(jobId);
            assertThat(done.path("recut_id").asText()).isEqualTo(recutId);
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("clips")).singleElement().satisfies(c ->
                    assertThat(c.path("url").asText()).contains(jobId + "/Status_talk_clip_3.mp4"));
            JsonNode failed = json.readTree(bodies.get(2));
            assertThat(failed.path("event").asText()).isEqualTo("job.recut.failed");
            assertThat(failed.path("recut_id").asText()).isEqualTo(failing);
            assertThat(failed.path("error").path("code").asText()).isEqualTo("range_out_of_bounds");
        }
    }

    private static io.restassured.response.ValidatableResponse recut(String path, String body) {
        return given().contentType("application/json").body(body).post(path).then();
    }

    /** An uploaded job its worker rendered (two clips, as {@link JobStatusTest#rendered}) and its uploader stored. */
    private String storedJob() {
        String jobId = JobId.newId();
        String key = ObjectKeys.uploadedSource(jobId, "mp4");
        store.put(key, new ByteArrayInputStream(new byte[1024]), 1024, PutOptions.of("video/mp4"));
        TopicClient.publish(Topics.CLIP_JOBS, new JobRequested(1, jobId, Instant.now(), "Status talk",
                JobRequested.JobSource.uploaded(key, "talk.mp4", 1024), List.of(JobRequested.RequestedClip.of(1, 4)), null,
                null, null, null));
        JobRendered own = JobStatusTest.rendered(jobId);
        TopicClient.publish(Topics.CLIP_EVENTS, own);
        TopicClient.publish(Topics.UPLOAD_EVENTS, new ArtifactsStored(1, jobId, Instant.now(), List.of(),
                own.metadataKey()));
        await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                .body("status", equalTo("completed")).body("backup.status", equalTo("stored")));
        return jobId;
    }
}
