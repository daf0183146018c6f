package dev.clipflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.OutputFormat;
import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.events.UploadSkipped;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.status.JobStatusView;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Status, live events and webhooks, driven by events published onto the topics as the workers would. */
@QuarkusTest
class JobStatusTest {

    @Inject
    ArtifactStore store;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/jobs")
    URI jobsUri;

    static JobRequested requested(String jobId, JobRequested.Webhook webhook) {
        return new JobRequested(1, jobId, Instant.now(), "Status talk", JobRequested.JobSource.url("https://93.184.216.34/v.mp4"),
                List.of(), null, OutputFormat.VERTICAL, null, webhook);
    }

    static JobRendered rendered(String jobId) {
        return new JobRendered(1, jobId, Instant.now(), "Status talk", jobId + "/Status_talk_metadata.json",
                List.of(new JobRendered.RenderedArtifact("Status_talk_clip_1.mp4", ArtifactKind.values()[0], 1, 100, "ab")),
                List.of(new JobRendered.RenderedClip(1, "The hook", 14.5, 1080, 1920, "Status_talk_clip_1.mp4", "Status_talk_clip_1.jpg"),
                        new JobRendered.RenderedClip(2, "The punchline", 21.0, 1080, 1920, "Status_talk_clip_2.mp4", "Status_talk_clip_2.jpg")));
    }

    private static void awaitStatus(String jobId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().get("/jobs/" + jobId).then().statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void statusFollowsTheEventsFromQueuedToCompletedWithBackup() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, requested(jobId, null));
        awaitStatus(jobId, "queued");
        given().get("/jobs/" + jobId).then().body("progress", equalTo(0)).body("backup.status", equalTo("pending"));

        TopicClient.publish(Topics.CLIP_EVENTS, JobStarted.now(jobId, "worker-1"));
        TopicClient.publish(Topics.CLIP_EVENTS, JobProgress.now(jobId, 45, "rendering clip 1/2"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/jobs/" + jobId).then()
                .body("status", equalTo("processing")).body("progress", equalTo(45))
                .body("stage", equalTo("rendering clip 1/2")));

        TopicClient.publish(Topics.CLIP_EVENTS, rendered(jobId));
        awaitStatus(jobId, "completed");
        JsonNode done = json.valueToTree(given().get("/jobs/" + jobId).then().extract().as(Object.class));
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(done.path("result").path("storage_url").asText())
                .contains(jobId + "/Status_talk_metadata.json").contains("X-Amz-Signature");
        assertThat(done.path("result").path("clips")).hasSize(2);
        JsonNode first = done.path("result").path("clips").get(0);
        assertThat(first.path("number").asInt()).isEqualTo(1);
        assertThat(first.path("title").asText()).isEqualTo("The hook");
        assertThat(first.path("url").asText()).contains(jobId + "/Status_talk_clip_1.mp4");
        assertThat(first.path("thumbnail_url").asText()).contains(jobId + "/Status_talk_clip_1.jpg");
        assertThat(first.path("duration").asDouble()).isEqualTo(14.5);
        assertThat(done.path("backup").path("status").asText()).isEqualTo("pending");

        TopicClient.publish(Topics.UPLOAD_EVENTS, new ArtifactsStored(1, jobId, Instant.now(), List.of(), jobId + "/Status_talk_metadata.json"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/jobs/" + jobId).then().body("backup.status", equalTo("stored")));
    }

    @Test
    void aFailedJobShowsItsReason() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, requested(jobId, null));
        TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(jobId, "corrupt_input", "moov atom not found", false));
        awaitStatus(jobId, "failed");
        given().get("/jobs/" + jobId).then().body("error.code", equalTo("corrupt_input"))
                .body("error.message", equalTo("moov atom not found")).body("backup.status", equalTo("skipped"));
    }

    @Test
    void unknownIdsAre404AndMalformedIds400() {
        given().get("/jobs/" + JobId.newId()).then().statusCode(404).body("error.code", equalTo("job_not_found"));
        given().get("/jobs/not-a-uuid").then().statusCode(422).body("error.code", equalTo("invalid_job_id"));
        given().get("/jobs/not-a-uuid/events").then().statusCode(422);
        given().get("/jobs/" + JobId.newId() + "/events").then().statusCode(404);
    }

    @Test
    void aJobTheViewNeverSawIsAnsweredFromItsMetadataInStorage() {
        String jobId = JobId.newId();
        JobMetadata metadata = new JobMetadata(jobId, "Archived", Instant.now(), "old.mp4", OutputFormat.SQUARE,
                List.of(new JobMetadata.MetadataClip(0, 12, "Old clip", "tt", "ig", "Archived_clip_1.mp4", 12, 1080, 1080, 10,
                        "ab", "Archived_clip_1.jpg", null, null)), null);
        store.put(jobId + "/Archived_metadata.json", new java.io.ByteArrayInputStream(ClipflowJson.encodeMetadata(metadata)),
                -1, PutOptions.of("application/json"));
        given().get("/jobs/" + jobId).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("backup.status", equalTo("stored"))
                .body("result.clips[0].title", equalTo("Old clip"))
                .body("result.clips[0].duration", equalTo(12.0f));
    }

    @Test
    void theEventStreamSendsProgressAndTheFinalStateThenCloses() throws Exception {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, requested(jobId, null));
        awaitStatus(jobId, "queued");

        List<String> data = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                HttpResponse<java.io.InputStream> stream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                        HttpRequest.newBuilder(URI.create(jobsUri + "/" + jobId + "/events"))
                                .header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            data.add(line.substring(5).strip());
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !data.isEmpty());
        TopicClient.publish(Topics.CLIP_EVENTS, JobStarted.now(jobId, "worker-1"));
        TopicClient.publish(Topics.CLIP_EVENTS, JobProgress.now(jobId, 70, "rendering clip 2/2"));
        TopicClient.publish(Topics.CLIP_EVENTS, rendered(jobId));

        closed.get(20, TimeUnit.SECONDS);
        List<JsonNode> states = new ArrayList<>();
        for (String d : data) {
            states.add(json.readTree(d));
        }
        assertThat(states.get(0).path("status").asText()).isEqualTo("queued");
        assertThat(states).anySatisfy(s -> assertThat(s.path("progress").asInt()).isEqualTo(70));
        JsonNode last = states.get(states.size() - 1);
        assertThat(last.path("status").asText()).isEqualTo("completed");
        assertThat(last.path("result").path("clips")).hasSize(2);
    }

    @Test
    void aViewRebuiltFromTheTopicsAnswersLikeTheRunningGateway() {
        String jobId = JobId.newId();
        TopicClient.publish(Topics.CLIP_JOBS, requested(jobId, null));
        TopicClient.publish(Topics.CLIP_EVENTS, JobStarted.now(jobId, "worker-2"));
        TopicClient.publish(Topics.CLIP_EVENTS, JobProgress.now(jobId, 33, "probing"));
        TopicClient.publish(Topics.CLIP_EVENTS, rendered(jobId));
        TopicClient.publish(Topics.UPLOAD_EVENTS, new UploadSkipped(1, jobId, Instant.now(), UploadSkipped.NO_CREDENTIALS));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/jobs/" + jobId).then().body("backup.status", equalTo("skipped")));
        String running = given().get("/jobs/" + jobId).then().extract().asString();

        // What a second replica, or this one after a restart, builds from the topics alone.
        JobStatusView rebuilt = new JobStatusView(config);
        TopicClient.readAll(Topics.ALL).forEach(r -> {
            if (r.value() != null) {
                rebuilt.apply(r.value());
            }
        });
        JobStatusService service = new JobStatusService(rebuilt, store);
        JsonNode fromRebuilt = json.valueToTree(service.toResponse(service.require(jobId)));
        JsonNode fromRunning = readTree(running);
        // Presigned URLs carry their signing time; compare them without the query.
        assertThat(stripQueries(fromRebuilt)).isEqualTo(stripQueries(fromRunning));
    }

    @Test
    void theWebhookIsCalledOnceWithAVerifiableSignature() throws Exception {
        // The first delivery fails, so the sender must retry.
        try (WebhookReceiver receiver = new WebhookReceiver(1)) {
            String jobId = JobId.newId();
            String url = receiver.url();
            List<String> bodies = receiver.bodies;
            List<String> signatures = receiver.signatures;
            TopicClient.publish(Topics.CLIP_JOBS, requested(jobId, new JobRequested.Webhook(url, "top-secret")));
            TopicClient.publish(Topics.CLIP_EVENTS, JobProgress.now(jobId, 50, "rendering"));
            TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(jobId, "render_failed", "ffmpeg exited with 1", false));

            await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() >= 2);
            Thread.sleep(1500);
            assertThat(bodies).hasSize(2);
            String body = bodies.get(1);
            assertThat(signatures.get(1)).isEqualTo("sha256=" + hmac("top-secret", body));
            JsonNode payload = json.readTree(body);
            assertThat(payload.path("event").asText()).isEqualTo("job.failed");
            assertThat(payload.path("job_id").asText()).isEqualTo(jobId);
            assertThat(payload.path("status").asText()).isEqualTo("failed");
            assertThat(payload.path("error").path("code").asText()).isEqualTo("render_failed");
        }
    }

    @Test
    void aJobWhoseOutcomeIsReadBeforeItsRequestStillCallsItsWebhook() throws Exception {
        // The topics are read in any order: the outcome may be known before the request that names the webhook.
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            String jobId = JobId.newId();
            TopicClient.publish(Topics.CLIP_EVENTS, JobFailed.now(jobId, "render_failed", "ffmpeg exited with 1", false));
            awaitStatus(jobId, "failed");
            TopicClient.publish(Topics.CLIP_JOBS, requested(jobId, new JobRequested.Webhook(receiver.url(), "top-secret")));

            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.bodies.isEmpty());
            JsonNode payload = json.readTree(receiver.bodies.get(0));
            assertThat(payload.path("event").asText()).isEqualTo("job.failed");
            assertThat(payload.path("job_id").asText()).isEqualTo(jobId);
        }
    }

    private JsonNode readTree(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripQueries(JsonNode node) {
        return node.toString().replaceAll("\\?[^\"]*\"", "\"");
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
