package dev.clipflow.uploader;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.events.UploadFailed;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.devstack.KafkaBroker;
import dev.clipflow.devstack.KafkaTestResource;
import dev.clipflow.devstack.S3Server;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.uploader.config.UploadConfig;
import dev.clipflow.uploader.messaging.DeadLetters;
import dev.clipflow.uploader.service.SourceRetention;
import dev.clipflow.uploader.support.CancelledJobs;
import dev.clipflow.uploader.support.Consumption;
import dev.clipflow.uploader.support.EventBus;
import dev.clipflow.uploader.support.LogCapture;
import dev.clipflow.uploader.support.RenderedJob;
import dev.clipflow.uploader.support.S3Objects;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

@QuarkusTest
@TestProfile(S3Profile.class)
class S3UploadTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    MeterRegistry registry;
    @Inject
    ArtifactStore store;
    @Inject
    UploadConfig config;
    @Inject
    SourceRetention retention;

    private S3Objects s3;

    @BeforeEach
    void consuming() {
        Consumption.awaitConsuming(config.workDir());
        s3 = new S3Objects();
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void everyArtifactLandsUnderItsJobKeyWithMetadataEncryptionAndContentAndTheMetadataLast() throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "Keynote: the future?", 3);
        JobRendered event = job.event();

        EventBus.publish(Topics.CLIP_EVENTS, event);
        ArtifactsStored stored = (ArtifactsStored) EventBus.awaitUploadEvent(job.jobId, WAIT);

        List<String> expectedKeys = job.uploadedFiles().stream().map(job::key).toList();
        assertThat(stored.metadataKey()).isEqualTo(job.metadataKey());
        assertThat(stored.objects()).extracting(ArtifactsStored.StoredArtifact::key)
                .containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(stored.objects()).last().extracting(ArtifactsStored.StoredArtifact::key).isEqualTo(job.metadataKey());
        assertThat(s3.keys(job.jobId + "/")).containsExactlyInAnyOrderElementsOf(expectedKeys)
                .noneMatch(key -> key.contains("temp_"));

        Instant metadataModified = s3.head(job.metadataKey()).lastModified();
        for (RenderedArtifact artifact : event.artifacts()) {
            String key = job.key(artifact.file());
            HeadObjectResponse head = s3.head(key);
            assertThat(head.contentLength()).isEqualTo(artifact.sizeBytes());
            assertThat(head.contentType()).isEqualTo(artifact.kind().contentType());
            assertThat(head.serverSideEncryption()).as("SSE of %s", key).isEqualTo(ServerSideEncryption.AES256);
            assertThat(head.metadata()).containsEntry("job-id", job.jobId).containsEntry("created-by", "clipflow");
            if (artifact.kind() == ArtifactKind.METADATA) {
                assertThat(head.metadata()).doesNotContainKey("clip-number");
            } else {
                assertThat(head.metadata()).containsEntry("clip-number", artifact.clipNumber().toString());
                assertThat(metadataModified).as("metadata stored after %s", key)
                        .isAfterOrEqualTo(head.lastModified());
            }
            assertThat(sha256(s3.bytes(key))).as("content of %s", key).isEqualTo(artifact.sha256());
            assertThat(stored.objects()).filteredOn(o -> o.key().equals(key))
                    .singleElement().extracting(ArtifactsStored.StoredArtifact::size).isEqualTo(artifact.sizeBytes());
        }
        assertThat(job.dir).as("work dir removed once stored").doesNotExist();

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'upload-storage' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("clipflow_upload_jobs_total{outcome=\"stored\"}"))
                .body(containsString("clipflow_upload_bytes_total"));
    }

    @Test
    void aCancelledJobLeavesNothingInTheBucketAndALateRenderOfItIsNotStored() throws Exception {
        RenderedJob job = CancelledJobs.storeThenCancel(store, config.workDir());
        assertThat(s3.keys(job.jobId + "/")).isEmpty();
        assertThat(s3.keys("uploads/" + job.jobId + "/")).isEmpty();
    }

    @Test
    void anUploadedSourceStaysTheRetentionAfterItsJobEndedThenGoesAndTheClipsStay() throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "Kept source", 1);
        String source = ObjectKeys.uploadedSource(job.jobId, "mp4");
        store.put(source, new ByteArrayInputStream(new byte[1000]), 1000,
                PutOptions.of("video/mp4"));
        Thread.sleep(1100); // S3 keeps whole seconds: the job ends a second after its upload, as a real one does
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        Instant ended = store.head(job.metadataKey()).orElseThrow().lastModified();

        retention.deleteExpired(ended.plus(config.sourceRetention()).minusMillis(1));
        assertThat(s3.keys("uploads/" + job.jobId + "/")).containsExactly(source);

        retention.deleteExpired(ended.plus(config.sourceRetention()).plusSeconds(1));
        assertThat(s3.keys("uploads/" + job.jobId + "/")).isEmpty();
        assertThat(s3.keys(job.jobId + "/")).hasSize(job.uploadedFiles().size());
    }

    @Test
    void aJobStillQueuedPastTheRetentionKeepsItsUploadedSource() {
        String jobId = UUID.randomUUID().toString();
        String source = ObjectKeys.uploadedSource(jobId, "mp4");
        store.put(source, new ByteArrayInputStream(new byte[1000]), 1000, PutOptions.of("video/mp4"));
        Instant uploaded = store.head(source).orElseThrow().lastModified();

        retention.deleteExpired(uploaded.plus(config.sourceRetention()).plus(Duration.ofDays(30)));
        assertThat(s3.keys("uploads/" + jobId + "/")).containsExactly(source);
    }

    @Test
    void aSuccessfulJobLogsNothingAtInfoOrAbove() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "quiet", 2);
        try (LogCapture logs = LogCapture.start()) {
            EventBus.publish(Topics.CLIP_EVENTS, job.event());
            assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
            assertThat(logs.lines()).isEmpty();
        }
    }

    @Test
    void aRedeliveredJobUploadsOnlyWhatIsNotStoredYetAndNothingTwice() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "again", 2);
        JobRendered event = job.event();
        RenderedArtifact first = event.artifacts().get(0);
        store.put(job.key(first.file()), job.dir.resolve(first.file()),
                dev.clipflow.store.PutOptions.of(first.kind().contentType())
                        .withMetadata("job-id", job.jobId).withMetadata("created-by", "clipflow")
                        .withMetadata("clip-number", first.clipNumber().toString()).withSha256(first.sha256()));
        double putsBefore = puts();

        EventBus.publish(Topics.CLIP_EVENTS, event);
        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        assertThat(puts() - putsBefore).as("PUTs of the first delivery").isEqualTo(event.artifacts().size() - 1);

        EventBus.publish(Topics.CLIP_EVENTS, event);
        List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 2, WAIT);
        assertThat(events).allMatch(e -> e instanceof ArtifactsStored);
        assertThat(puts() - putsBefore).as("PUTs after the redelivery").isEqualTo(event.artifacts().size() - 1);
        assertThat(s3.keys(job.jobId + "/")).hasSize(event.artifacts().size());
    }

    @Test
    void eventsOtherThanJobRenderedAreLeftAlone() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "others", 1);
        EventBus.publish(Topics.CLIP_EVENTS, new JobStarted(1, job.jobId, Instant.now(), "worker-1"));
        EventBus.publish(Topics.CLIP_EVENTS, job.event());

        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        assertThat(EventBus.uploadEvents(job.jobId)).hasSize(1);
    }

    @Test
    void aFileNameReachingOutsideTheJobFolderFailsTheUploadAndNothingIsStored() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "sneaky", 1);
        JobRendered event = job.eventWith(new RenderedArtifact("../../etc/passwd.json", ArtifactKind.METADATA, null,
                10, "00".repeat(32)));

        EventBus.publish(Topics.CLIP_EVENTS, event);
        UploadFailed failed = (UploadFailed) EventBus.awaitUploadEvent(job.jobId, WAIT);

        assertThat(failed.failedFiles()).containsExactly("../../etc/passwd.json");
        assertThat(s3.keys(job.jobId + "/")).isEmpty();
        assertThat(job.dir).isDirectory();
        assertThat(EventBus.records(DeadLetters.TOPIC, job.jobId)).hasSize(1);
    }

    @Test
    void twoRecutsOfAJobParkedTogetherAreBothStoredByOneReplayWithTheNewestMetadataLast() throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "two recuts parked", 2);
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        // Each recut is parked (as a long outage would park it) by its clip missing when its upload runs.
        parkedWithoutItsClip(job, job.recut(first, 3), 2);
        JobRendered newest = job.recut(second, 4); // rewrites the metadata, which now lists clips 3 and 4
        parkedWithoutItsClip(job, newest, 3);

        given().post("/admin/replay/{job_id}", job.jobId).then().statusCode(200).body("outcome", equalTo("stored"));

        List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 5, WAIT);
        assertThat(events.subList(3, 5)).allSatisfy(e -> assertThat(e).isInstanceOf(ArtifactsStored.class))
                .extracting(e -> ((ArtifactsStored) e).recutId()).containsExactly(first, second);
        assertThat(s3.keys(job.jobId + "/")).contains(job.key(ObjectKeys.clipFile(job.title, 3)),
                job.key(ObjectKeys.clipFile(job.title, 4)));
        RenderedArtifact metadata = newest.artifacts().stream().filter(a -> a.kind() == ArtifactKind.METADATA)
                .findFirst().orElseThrow();
        assertThat(sha256(s3.bytes(job.metadataKey()))).as("the newest metadata").isEqualTo(metadata.sha256());
    }

    @Test
    void aRecutsClipsAreStoredBesideTheJobsAndEachUploadOutcomeNamesTheRecutItAnswers() throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "Recut talk", 2);
        List<String> ownKeys = job.uploadedFiles().stream().map(job::key).toList();
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        ArtifactsStored own = (ArtifactsStored) EventBus.awaitUploadEvent(job.jobId, WAIT);
        assertThat(own.recutId()).as("the job's own upload").isNull();

        String recutId = UUID.randomUUID().toString();
        JobRendered recut = job.recut(recutId, 3);
        EventBus.publish(Topics.CLIP_EVENTS, recut);
        ArtifactsStored stored = (ArtifactsStored) EventBus.awaitUploadEvents(job.jobId, 2, WAIT).get(1);
        assertThat(stored.recutId()).isEqualTo(recutId);
        assertThat(stored.metadataKey()).isEqualTo(job.metadataKey());
        assertThat(s3.keys(job.jobId + "/")).containsAll(ownKeys)
                .contains(job.key(ObjectKeys.clipFile(job.title, 3)), job.key(ObjectKeys.thumbnailFile(job.title, 3)));
        RenderedArtifact metadata = recut.artifacts().stream().filter(a -> a.kind() == ArtifactKind.METADATA)
                .findFirst().orElseThrow();
        assertThat(sha256(s3.bytes(job.metadataKey()))).as("the metadata the recut rewrote").isEqualTo(metadata.sha256());

        String refusedId = UUID.randomUUID().toString();
        JobRendered refused = job.recut(refusedId, 4);
        List<RenderedArtifact> sneaky = new java.util.ArrayList<>(refused.artifacts());
        sneaky.add(0, new RenderedArtifact("../x_clip_5.mp4", ArtifactKind.CLIP, 5, 10, "00".repeat(32)));
        EventBus.publish(Topics.CLIP_EVENTS, new JobRendered(1, job.jobId, Instant.now(), job.title,
                refused.metadataKey(), sneaky, refused.clips(), null, refusedId));
        UploadFailed failed = (UploadFailed) EventBus.awaitUploadEvents(job.jobId, 3, WAIT).get(2);
        assertThat(failed.recutId()).isEqualTo(refusedId);
        assertThat(s3.keys(job.jobId + "/")).doesNotContain(job.key(ObjectKeys.clipFile(job.title, 4)));
    }

    @Test
    void storageKeptDownGivesUpAfterTheConfiguredAttemptsWithOneWarningKeepsTheFilesAndAReplayStoresThem() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "outage", 2);
        JobRendered event = job.event();
        S3Server server = S3TestResource.server();
        server.stop();
        UploadFailed failed;
        try (LogCapture logs = LogCapture.start()) {
            EventBus.publish(Topics.CLIP_EVENTS, event);
            failed = (UploadFailed) EventBus.awaitUploadEvent(job.jobId, WAIT);
            // the WARN follows the dead-letter record, which follows the event
            await("a line about the job is logged").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> logs.lines().stream().anyMatch(line -> line.contains(job.jobId)));
            // Kafka's own client warnings (e.g. the dead-letter topic created on first use) aside:
            assertThat(logs.lines()).filteredOn(line -> !line.contains("[org.apache.kafka"))
                    .singleElement().asString().startsWith("WARN").contains(job.jobId, "outage_clip_");
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'upload-storage' }.status", equalTo("DOWN"));
        } finally {
            server.restart();
        }

        assertThat(failed.attempts()).isEqualTo(config.maxAttempts());
        assertThat(failed.failedFiles()).contains(job.metadataKey().substring(job.jobId.length() + 1));
        assertThat(failed.reason()).isNotBlank();
        for (String file : job.uploadedFiles()) {
            assertThat(job.dir.resolve(file)).as("kept for the replay").isRegularFile();
        }
        assertThat(EventBus.records(DeadLetters.TOPIC, job.jobId)).hasSize(1);
        assertThat(s3.keys(job.jobId + "/")).isEmpty();

        given().post("/admin/replay/{job_id}", job.jobId)
                .then().statusCode(200).body("outcome", equalTo("stored")).body("job_id", equalTo(job.jobId));

        List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 2, WAIT);
        assertThat(events.get(1)).isInstanceOf(ArtifactsStored.class);
        assertThat(s3.keys(job.jobId + "/")).containsExactlyInAnyOrderElementsOf(
                job.uploadedFiles().stream().map(job::key).toList());
        assertThat(job.dir).doesNotExist();
    }

    @Test
    void aCancelledJobsDeletionGivenUpInALongOutageIsParkedWithOneWarningAndAReplayDeletesIt() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "deleted later", 1);
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        S3Server server = S3TestResource.server();
        server.stop();
        try (LogCapture logs = LogCapture.start()) {
            EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(job.jobId, JobCancelled.BY_API));
            await("a line about the job is logged").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> logs.lines().stream().anyMatch(line -> line.contains(job.jobId)));
            assertThat(logs.lines()).filteredOn(line -> !line.contains("[org.apache.kafka"))
                    .singleElement().asString().startsWith("WARN")
                    .contains(job.jobId, "attempt", "POST /admin/replay/" + job.jobId);
        } finally {
            server.restart();
        }
        assertThat(EventBus.records(DeadLetters.TOPIC, job.jobId)).hasSize(1);
        assertThat(EventBus.uploadEvents(job.jobId)).as("no ArtifactsDeleted yet").hasSize(1);
        assertThat(s3.keys(job.jobId + "/")).hasSameSizeAs(job.uploadedFiles());

        given().post("/admin/replay/{job_id}", job.jobId)
                .then().statusCode(200).body("outcome", equalTo("deleted")).body("job_id", equalTo(job.jobId));

        List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 2, WAIT);
        assertThat(events.get(1)).isInstanceOf(ArtifactsDeleted.class);
        assertThat(((ArtifactsDeleted) events.get(1)).objects()).isEqualTo(job.uploadedFiles().size());
        assertThat(s3.keys(job.jobId + "/")).isEmpty();
    }

    @Test
    void aClipWhoseBytesDoNotMatchTheEventsChecksumIsRetriedAndNeverPublished() {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "tampered", 1);
        JobRendered honest = job.event();
        RenderedArtifact clip = honest.artifacts().get(0);
        List<RenderedArtifact> artifacts = new java.util.ArrayList<>(honest.artifacts());
        artifacts.set(0, new RenderedArtifact(clip.file(), clip.kind(), clip.clipNumber(), clip.sizeBytes(),
                "0".repeat(64)));
        JobRendered tampered = new JobRendered(1, job.jobId, honest.at(), honest.title(), honest.metadataKey(),
                artifacts, honest.clips());

        EventBus.publish(Topics.CLIP_EVENTS, tampered);
        UploadFailed failed = (UploadFailed) EventBus.awaitUploadEvent(job.jobId, WAIT);

        assertThat(failed.attempts()).isEqualTo(config.maxAttempts());
        assertThat(failed.failedFiles()).contains(clip.file(), ObjectKeys.metadataFile(honest.title()));
        assertThat(failed.reason()).contains("checksum");
        assertThat(s3.keys(job.jobId + "/")).doesNotContain(job.key(clip.file()), job.metadataKey());
    }

    @Test
    void aParkedUploadOfAJobCancelledSinceIsDroppedByTheReplayNotRetried() throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "cancelled since", 1);
        Path clip = job.dir.resolve(job.artifacts.get(0).file());
        Path aside = job.dir.resolveSibling(job.jobId + ".aside");
        Files.move(clip, aside);
        try {
            EventBus.publish(Topics.CLIP_EVENTS, job.event());
            assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(UploadFailed.class);
        } finally {
            Files.move(aside, clip);
        }
        EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(job.jobId, JobCancelled.BY_API));
        assertThat(EventBus.awaitUploadEvents(job.jobId, 2, WAIT).get(1)).isInstanceOf(ArtifactsDeleted.class);

        given().post("/admin/replay/{job_id}", job.jobId)
                .then().statusCode(200).body("outcome", equalTo("cancelled")).body("job_id", equalTo(job.jobId));

        assertThat(s3.keys(job.jobId + "/")).isEmpty();
        Thread.sleep(500);
        assertThat(EventBus.uploadEvents(job.jobId)).as("no new upload outcome").hasSize(2);
        assertThat(job.dir).doesNotExist();
    }

    @Test
    void aReplayOfAJobThatIsNotParkedIsNotFoundAndAMalformedIdIsRefusedWithTheJsonErrorBody() {
        given().post("/admin/replay/{job_id}", "123e4567-e89b-12d3-a456-426614174000").then().statusCode(404)
                .body("error.code", equalTo("not_parked")).body("error.field", equalTo("job_id"));
        given().post("/admin/replay/{job_id}", "not-a-uuid").then().statusCode(422)
                .body("error.code", equalTo("invalid_job_id")).body("error.field", equalTo("job_id"));
    }

    @Test
    void aReplayWhileKafkaIsDownIsToldToRetryInsteadOfThatNothingIsParked() {
        KafkaBroker broker = KafkaTestResource.broker();
        broker.stop();
        try {
            given().post("/admin/replay/{job_id}", "123e4567-e89b-12d3-a456-426614174000").then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error.code", equalTo("kafka_unavailable"))
                    .body("error.message", containsString("dead-letter topic could not be read"));
            given().post("/admin/replay").then().statusCode(503).body("error.code", equalTo("kafka_unavailable"));
        } finally {
            broker.restart();
        }
        given().post("/admin/replay/{job_id}", "123e4567-e89b-12d3-a456-426614174000").then().statusCode(404)
                .body("error.code", equalTo("not_parked"));
        // Left ready, as the other cases expect it: its Kafka channels take a moment to see the broker back.
        await("ready again").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void a300MbClipGoesUpByMultipart() throws Exception {
        RenderedJob job = RenderedJob.withClips(config.workDir(), "big", 0).clip(1, 300L << 20);
        JobRendered event = job.event();
        Path big = job.dir.resolve(event.artifacts().get(0).file());
        boolean bench = Boolean.getBoolean("clipflow.bench");
        Path copy = bench ? Files.copy(big, job.dir.resolveSibling("big-raw-" + job.jobId + ".bin")) : null;

        long started = System.nanoTime();
        EventBus.publish(Topics.CLIP_EVENTS, event);
        assertThat(EventBus.awaitUploadEvent(job.jobId, Duration.ofSeconds(180))).isInstanceOf(ArtifactsStored.class);
        Duration uploader = Duration.ofNanos(System.nanoTime() - started);

        String key = job.key(event.artifacts().get(0).file());
        HeadObjectResponse head = s3.head(key);
        assertThat(head.contentLength()).isEqualTo(300L << 20);
        assertThat(head.eTag()).as("multipart ETag").matches("\"?[0-9a-fA-F]+-\\d+\"?");
        int parts = Integer.parseInt(head.eTag().replace("\"", "").replaceAll(".*-", ""));
        assertThat(parts).isGreaterThan(1);
        s3.client().deleteObject(b -> b.bucket(bucket()).key(key)); // the in-memory server holds it in the heap
        System.out.printf("300 MiB clip: event to ArtifactsStored in %d ms, %d parts%n", uploader.toMillis(), parts);

        if (bench) { // -Dclipflow.bench=true: the same file in one plain SDK PUT, for comparison
            long rawStarted = System.nanoTime();
            String rawKey = "bench/" + job.jobId + ".bin";
            s3.client().putObject(b -> b.bucket(bucket()).key(rawKey), RequestBody.fromFile(copy));
            System.out.printf("300 MiB raw SDK single PUT: %d ms%n", (System.nanoTime() - rawStarted) / 1_000_000);
            s3.client().deleteObject(b -> b.bucket(bucket()).key(rawKey));
            Files.delete(copy);
        }
    }

    @Test
    void aRecordThatIsNotAnEventIsParkedInTheDeadLetterTopicAndTheNextJobStillUploads() {
        String key = java.util.UUID.randomUUID().toString();
        EventBus.publishRaw(Topics.CLIP_EVENTS, key, "{not an event".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        RenderedJob job = RenderedJob.withClips(config.workDir(), "after garbage", 1);
        EventBus.publish(Topics.CLIP_EVENTS, job.event());

        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        await("the record is parked").atMost(WAIT).until(() -> !EventBus.records(DeadLetters.TOPIC, key).isEmpty());
        assertThat(EventBus.records(DeadLetters.TOPIC, key)).hasSize(1);
    }

    private String bucket() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("AWS_S3_BUCKET", String.class);
    }

    private double puts() {
        return registry.counter("clipflow.upload.puts").count();
    }

    /** Publishes {@code recut} with its clip moved aside until its upload failed: the record is then parked. */
    private static void parkedWithoutItsClip(RenderedJob job, JobRendered recut, int outcomesSoFar) throws Exception {
        Path clip = job.dir.resolve(recut.artifacts().get(0).file());
        Path aside = job.dir.resolveSibling(job.jobId + ".aside");
        Files.move(clip, aside);
        try {
            EventBus.publish(Topics.CLIP_EVENTS, recut);
            assertThat(EventBus.awaitUploadEvents(job.jobId, outcomesSoFar, WAIT).get(outcomesSoFar - 1))
                    .isInstanceOf(UploadFailed.class);
        } finally {
            Files.move(aside, clip);
        }
    }

    private static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }

}
