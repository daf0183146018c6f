package dev.clipflow.uploader.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The same cancellation scenario for every storage mode: a stored job is cancelled, then rendered once more. */
public final class CancelledJobs {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Returns the job, once it is gone from storage and its late JobRendered was read and not stored. */
    public static RenderedJob storeThenCancel(ArtifactStore store, Path workDir) throws IOException {
        RenderedJob job = RenderedJob.withClips(workDir, "Cancelled talk", 2);
        store.put(ObjectKeys.uploadedSource(job.jobId, "mp4"), new ByteArrayInputStream(new byte[5000]), 5000,
                PutOptions.of("video/mp4"));
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        assertThat(EventBus.awaitUploadEvent(job.jobId, WAIT)).isInstanceOf(ArtifactsStored.class);
        assertThat(keys(store, ObjectKeys.jobPrefix(job.jobId))).hasSize(job.uploadedFiles().size());

        EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(job.jobId, JobCancelled.BY_API));
        List<ClipflowEvent> events = EventBus.awaitUploadEvents(job.jobId, 2, WAIT);
        assertThat(events.get(1)).isInstanceOf(ArtifactsDeleted.class);
        assertThat(((ArtifactsDeleted) events.get(1)).objects()).isEqualTo(job.uploadedFiles().size() + 1);
        assertThat(keys(store, ObjectKeys.jobPrefix(job.jobId))).isEmpty();
        assertThat(keys(store, ObjectKeys.uploadPrefix(job.jobId))).isEmpty();

        // a worker that finished as the cancellation came: its files are dropped, not stored
        Files.createDirectories(job.dir);
        Files.write(job.dir.resolve(job.uploadedFiles().get(0)), new byte[1000]);
        EventBus.publish(Topics.CLIP_EVENTS, job.event());
        EventBus.publish(Topics.CLIP_EVENTS, JobCancelled.now(job.jobId, "clip-worker-1"));
        List<ClipflowEvent> after = EventBus.awaitUploadEvents(job.jobId, 3, WAIT);
        assertThat(after.get(2)).isInstanceOf(ArtifactsDeleted.class);
        assertThat(keys(store, ObjectKeys.jobPrefix(job.jobId))).isEmpty();
        assertThat(job.dir).doesNotExist();
        return job;
    }

    private static List<String> keys(ArtifactStore store, String prefix) {
        try (Stream<ObjectInfo> objects = store.list(prefix, "")) {
            return objects.map(ObjectInfo::key).toList();
        }
    }

    private CancelledJobs() {
    }
}
