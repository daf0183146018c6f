package dev.clipflow.uploader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.UploadFailed;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3Server;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.uploader.config.UploadConfig;
import dev.clipflow.uploader.support.Consumption;
import dev.clipflow.uploader.support.EventBus;
import dev.clipflow.uploader.support.RenderedJob;
import dev.clipflow.uploader.support.S3Objects;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.MemberDescription;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * DELETE /jobs/{id} while the job is being uploaded: the upload stops at once, also in the middle of a retry's
 * backoff during a storage outage, instead of running to its end before the job is deleted.
 */
@QuarkusTest
@TestProfile(CancelledUploadTest.LongBackoff.class)
class CancelledUploadTest {

    /** Far less than the backoff the upload is in when it is cancelled (30 to 90 s). */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The last of the test profile's sweeps after a stopped upload (application.properties), and some. */
    private static final Duration LATE_WRITES_GONE = Duration.ofSeconds(15);

    @Inject
    UploadConfig config;
    @Inject
    MeterRegistry registry;

    private S3Objects s3;

    @BeforeEach
    void consuming() {
        Consumption.awaitConsuming(config.workDir());
        awaitCancellationsRead();
        s3 = new S3Objects();
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void aCancelledJobWhoseUploadWaitsOutAStorageOutageStopsAtOnceLeavesNothingStoredAndTheNextJobGoesUp()
            throws Exception {
        RenderedJob cancelled = heldUpByAnOutage("cancelled");
        RenderedJob next = RenderedJob.withClips(config.workDir(), "next", 1);

        EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(cancelled.jobId, JobCancelled.BY_API));
        EventBus.publish(Topics.CLIP_EVENTS, next.event());

        assertThat(EventBus.awaitUploadEvent(cancelled.jobId, STOPS_WITHIN)).isInstanceOf(ArtifactsDeleted.class);
        // What the store publishes after the deletion of a put it had received before the stop, as S3 may: a busy
        // build saw the clip stopped in flight appear under the deleted job this way.
        // Put again until it goes through: the JDK keeps this JVM's idle connections to the S3 server stopped in the
        // outage, and a put that draws one fails writing its body (four attempts in a row did in a CI build).
        String lateClip = cancelled.key(cancelled.artifacts.get(0).file());
        await("the late object stored").atMost(Duration.ofSeconds(10)).ignoreException(SdkClientException.class)
                .untilAsserted(() -> s3.client().putObject(b -> b.bucket(S3TestResource.BUCKET).key(lateClip),
                        RequestBody.fromString("late")));
        assertThat(EventBus.awaitUploadEvent(next.jobId, STOPS_WITHIN)).isInstanceOf(ArtifactsStored.class);
        assertThat(s3.keys(next.jobId + "/")).containsExactlyInAnyOrderElementsOf(
                next.uploadedFiles().stream().map(next::key).toList());
        awaitNothingStoredOf(cancelled);
        assertThat(EventBus.uploadEvents(cancelled.jobId)).as("neither ArtifactsStored nor UploadFailed")
                .singleElement().isInstanceOf(ArtifactsDeleted.class);
        assertThat(cancelled.dir).doesNotExist();
    }

    @Test
    void cancellingAJobLetsTheUploadOfAnotherJobRunningAtTheSameTimeFinish() throws Exception {
        RenderedJob other = parked("other");
        RenderedJob cancelled = heldUpByAnOutage("cancelled");
        String otherClip = other.key(other.artifacts.get(0).file());

        CompletableFuture<ExtractableResponse<Response>> replay = CompletableFuture.supplyAsync(
                () -> given().post("/admin/replay/{job_id}", other.jobId).then().extract());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> !pendingUploads(otherClip).isEmpty() || replay.isDone());
        assertThat(pendingUploads(otherClip)).as("the other job's clip is going up").isNotEmpty();
        EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(cancelled.jobId, JobCancelled.BY_API));

        assertThat(EventBus.awaitUploadEvent(cancelled.jobId, STOPS_WITHIN)).isInstanceOf(ArtifactsDeleted.class);
        ExtractableResponse<Response> replayed = replay.get(60, TimeUnit.SECONDS);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.jsonPath().getString("outcome")).isEqualTo("stored");
        List<ClipflowEvent> events = EventBus.awaitUploadEvents(other.jobId, 2, WAIT);
        assertThat(events.get(1)).isInstanceOf(ArtifactsStored.class);
        assertThat(s3.keys(other.jobId + "/")).containsExactlyInAnyOrderElementsOf(
                other.uploadedFiles().stream().map(other::key).toList());
        assertThat(s3.head(otherClip).contentLength()).isEqualTo(other.artifacts.get(0).sizeBytes());
        awaitNothingStoredOf(cancelled);
    }

    /**
     * A job whose upload started, then met a storage outage that lasted until one of its attempts failed: its
     * thumbnails are stored, a clip is waiting for its next attempt (30 s or more away) when this returns with the
     * storage back. A fixed outage of 3 s sometimes passed on a busy build with no attempt failed, and the job was
     * stored before its cancellation.
     */
    private RenderedJob heldUpByAnOutage(String title) {
        RenderedJob job = RenderedJob.withClips(config.workDir(), title, 0);
        job.clip(1, 64L << 20);
        job.clip(2, 64L << 20);
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        await("the upload started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> !s3.keys(job.jobId + "/").isEmpty());
        double failuresBefore = failedAttempts();
        S3Server server = S3TestResource.server();
        server.stop();
        try {
            await("an attempt failed in the outage").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> failedAttempts() > failuresBefore);
        } finally {
            server.restart();
        }
        assertThat(s3.keys(job.jobId + "/")).as("the upload is held up").doesNotContain(job.metadataKey());
        assertThat(EventBus.uploadEvents(job.jobId)).as("the upload is held up").isEmpty();
        return job;
    }

    /** Also what a stopped put published late: the uploader sweeps a cancelled job's prefix again after the stop. */
    private void awaitNothingStoredOf(RenderedJob cancelled) {
        await("nothing of the cancelled job stays stored").atMost(LATE_WRITES_GONE).pollInterval(Duration.ofMillis(200))
                .until(() -> s3.keys(cancelled.jobId + "/").isEmpty());
    }

    private double failedAttempts() {
        return registry.counter("clipflow.upload.attempt.failures").count();
    }

    /** A job of one 150 MB clip whose upload failed (its clip was missing then) and is in the dead-letter topic. */
    private RenderedJob parked(String title) throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), title, 0);
        job.clip(1, 150L << 20);
        Path clip = job.dir.resolve(job.artifacts.get(0).file());
        Path aside = job.dir.resolveSibling(job.jobId + ".aside");
        Files.move(clip, aside);
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(UploadFailed.class);
        Files.move(aside, clip);
        return job;
    }

    private List<?> pendingUploads(String key) {
        return s3.client().listMultipartUploads(b -> b.bucket(S3TestResource.BUCKET).prefix(key)).uploads();
    }

    /** The cancellations channel starts at the end of the topic: a cancellation counts once it has its partitions. */
    private static void awaitCancellationsRead() {
        String group = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.job-cancellations.group.id", String.class);
        await("the uploader reads its cancellations (group " + group + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> KafkaTestResource.companion().consumerGroups().describe(group).members().stream()
                        .map(MemberDescription::assignment).anyMatch(a -> !a.topicPartitions().isEmpty()));
    }

    /**
     * Backoff long enough that an upload cancelled in it would otherwise wait 30 s or more (a base of 60 s, give or take
     * half): the time a test may take, on a busy build, to set up what happens during the wait. With a 20 s base, a
     * replay of another job took more than the 10 s the wait then lasted at least, and the held-up job was stored.
     */
    public static class LongBackoff extends S3Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("clipflow.work-dir", "target/test-work/cancel");
            config.put("clipflow.upload.max-attempts", "5");
            config.put("clipflow.upload.backoff-base", "60s");
            config.put("clipflow.upload.backoff-max", "120s");
            config.put("clipflow.storage.s3.max-concurrency", "6");
            return config;
        }
    }
}
