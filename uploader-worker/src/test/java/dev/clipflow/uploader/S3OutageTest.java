package dev.clipflow.uploader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.devstack.S3Server;
import dev.clipflow.devstack.S3TestResource;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import dev.clipflow.uploader.config.UploadConfig;
import dev.clipflow.uploader.messaging.DeadLetters;
import dev.clipflow.uploader.support.Consumption;
import dev.clipflow.uploader.support.EventBus;
import dev.clipflow.uploader.support.RenderedJob;
import dev.clipflow.uploader.support.S3Objects;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(S3OutageTest.ProductionBackoff.class)
class S3OutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Inject
    UploadConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    ArtifactStore store;

    @Test
    void theS3ServerDownFor20SecondsMidJobDelaysTheUploadButEverythingLands() throws Exception {
        Consumption.awaitConsuming(config.workDir());
        RenderedJob job = RenderedJob.withClips(config.workDir(), "outage", 0);
        for (int number = 1; number <= 4; number++) {
            job.clip(number, 16L << 20);
        }
        JobRendered event = job.event();
        double retriesBefore = registry.counter("clipflow.upload.retries").count();

        try (S3Objects s3 = new S3Objects()) {
            EventBus.publish(Topics.CLIP_EVENTS, event);
            await("the upload started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !s3.keys(job.jobId + "/").isEmpty());
            S3Server server = S3TestResource.server();
            server.stop();
            long stopped = System.nanoTime();
            try {
                Thread.sleep(OUTAGE.toMillis());
            } finally {
                server.restart();
            }
            System.out.printf("S3 down for %d ms in the middle of job %s%n",
                    Duration.ofNanos(System.nanoTime() - stopped).toMillis(), job.jobId);

            List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 1, Duration.ofSeconds(90));
            assertThat(events).singleElement().isInstanceOf(ArtifactsStored.class);
            assertThat(registry.counter("clipflow.upload.retries").count() - retriesBefore)
                    .as("the outage was felt").isPositive();
            assertThat(s3.keys(job.jobId + "/")).containsExactlyInAnyOrderElementsOf(
                    job.uploadedFiles().stream().map(job::key).toList());
            for (var artifact : event.artifacts()) {
                assertThat(s3.head(job.key(artifact.file())).contentLength()).isEqualTo(artifact.sizeBytes());
            }
        }
    }

    @Test
    void aJobCancelledDuringAStorageOutageIsDeletedOnceStorageIsBack() throws Exception {
        Consumption.awaitConsuming(config.workDir());
        RenderedJob job = RenderedJob.withClips(config.workDir(), "cancelled in outage", 2);
        store.put(ObjectKeys.uploadedSource(job.jobId, "mp4"), new ByteArrayInputStream(new byte[5000]), 5000,
                PutOptions.of("video/mp4"));
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        assertThat(EventBus.awaitUploadEvent(job.jobId, Duration.ofSeconds(30))).isInstanceOf(ArtifactsStored.class);
        double retriesBefore = registry.counter("clipflow.upload.retries").count();

        try (S3Objects s3 = new S3Objects()) {
            S3Server server = S3TestResource.server();
            server.stop();
            try {
                EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(job.jobId, JobCancelled.BY_API));
                await("a deletion attempt failed in the outage").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> registry.counter("clipflow.upload.retries").count() > retriesBefore);
                Thread.sleep(5_000); // the deletion waits for the next attempt meanwhile
            } finally {
                server.restart();
            }

            List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 2, Duration.ofSeconds(30));
            assertThat(events).as("ArtifactsStored, then ArtifactsDeleted; no UploadFailed").hasSize(2);
            assertThat(registry.counter("clipflow.upload.retries").count() - retriesBefore)
                    .as("the outage was felt").isPositive();
            assertThat(events.get(1)).isInstanceOf(ArtifactsDeleted.class);
            assertThat(((ArtifactsDeleted) events.get(1)).objects()).isEqualTo(job.uploadedFiles().size() + 1);
            assertThat(s3.keys(ObjectKeys.jobPrefix(job.jobId))).isEmpty();
            assertThat(s3.keys(ObjectKeys.uploadPrefix(job.jobId))).isEmpty();
            assertThat(EventBus.records(DeadLetters.TOPIC, job.jobId)).isEmpty();
        }
    }

    /** Backoff close to the production defaults (3 s base), so an outage of 20 s is ridden out. */
    public static class ProductionBackoff extends S3Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("clipflow.upload.max-attempts", "6");
            config.put("clipflow.upload.backoff-base", "1500ms");
            config.put("clipflow.upload.backoff-max", "30s");
            config.put("clipflow.storage.s3.max-concurrency", "2");
            return config;
        }
    }
}
