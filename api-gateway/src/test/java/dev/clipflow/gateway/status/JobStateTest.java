package dev.clipflow.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.events.UploadFailed;
import dev.clipflow.contracts.events.UploadSkipped;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.gateway.status.JobState.Backup;
import dev.clipflow.gateway.status.JobState.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStateTest {

    private final String id = JobId.newId();

    static JobRequested requested(String id, JobRequested.Webhook webhook) {
        return new JobRequested(1, id, Instant.now(), "Talk", JobRequested.JobSource.url("https://93.184.216.34/a.mp4"),
                List.of(), null, null, null, webhook);
    }

    static JobRendered rendered(String id) {
        return new JobRendered(1, id, Instant.now(), "Talk", id + "/Talk_metadata.json",
                List.of(new JobRendered.RenderedArtifact("Talk_clip_1.mp4", ArtifactKind.values()[0], 1, 10, "ab")),
                List.of(new JobRendered.RenderedClip(1, "first", 12.5, 1080, 1920, "Talk_clip_1.mp4", "Talk_clip_1.jpg")));
    }

    private JobState fold(ClipflowEvent... events) {
        JobState s = null;
        for (ClipflowEvent e : events) {
            s = JobState.apply(s, e);
        }
        return s;
    }

    @Test
    void aJobGoesFromQueuedThroughProcessingToCompletedWithItsBackupStored() {
        JobState queued = fold(requested(id, null));
        assertThat(queued.status()).isEqualTo(Status.QUEUED);
        assertThat(queued.backup()).isEqualTo(Backup.PENDING);

        JobState working = fold(requested(id, null), JobStarted.now(id, "w1"), JobProgress.now(id, 40, "rendering clip 1/2"));
        assertThat(working.status()).isEqualTo(Status.PROCESSING);
        assertThat(working.progress()).isEqualTo(40);
        assertThat(working.stage()).isEqualTo("rendering clip 1/2");

        JobState done = JobState.apply(JobState.apply(working, rendered(id)),
                new ArtifactsStored(1, id, Instant.now(), List.of(), id + "/Talk_metadata.json"));
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.clips()).hasSize(1);
        assertThat(done.backup()).isEqualTo(Backup.STORED);
    }

    @Test
    void aRecutAddsItsClipsAfterTheJobsAndAFailedRecutLeavesTheJobCompletedWhateverOrderTheyAreReadIn() {
        String ok = JobId.newId();
        String late = JobId.newId();
        ClipsRequested asked = new ClipsRequested(1, id, Instant.now(), ok,
                JobRequested.JobSource.uploaded("uploads/" + id + "/source.mp4", "a.mp4", 1),
                List.of(JobRequested.RequestedClip.of(1, 2)), null, null, null);
        JobRendered recut = new JobRendered(1, id, Instant.now(), "Talk", id + "/Talk_metadata.json",
                List.of(new JobRendered.RenderedArtifact("Talk_metadata.json", ArtifactKind.METADATA, null, 10, "ab")),
                List.of(new JobRendered.RenderedClip(2, "second", 1, 1080, 1920, "Talk_clip_2.mp4", "Talk_clip_2.jpg")),
                null, ok);

        // clip-events before clip-jobs: the recut's outcome is read before its request, then the job's rendering again
        JobState s = fold(requested(id, null), recut, asked, rendered(id),
                JobFailed.recut(id, late, "range_out_of_bounds", "past the end", false));

        assertThat(s.status()).isEqualTo(Status.COMPLETED);
        assertThat(s.clips()).extracting(JobRendered.RenderedClip::file).containsExactly("Talk_clip_1.mp4", "Talk_clip_2.mp4");
        assertThat(s.recuts()).extracting(JobState.Recut::recutId, JobState.Recut::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ok, Status.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple(late, Status.FAILED));
        assertThat(s.errorCode()).isNull();
    }

    @Test
    void aRecutsUploadOutcomeIsTheRecutsBackupAndLeavesTheJobsOwnBackupAsItWas() {
        String recutId = JobId.newId();
        JobRendered recut = recutRendered(recutId);
        ArtifactsStored own = new ArtifactsStored(1, id, Instant.now(), List.of(), id + "/Talk_metadata.json");

        JobState rendered = fold(requested(id, null), rendered(id), own, recut);
        assertThat(rendered.recuts()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.COMPLETED);
            assertThat(r.backup()).as("rendered, not stored yet").isEqualTo(Backup.PENDING);
        });
        assertThat(rendered.clips()).as("listed at once, as the job's own are").hasSize(2);

        JobState failed = JobState.apply(rendered, new UploadFailed(1, id, Instant.now(), List.of("Talk_clip_2.mp4"),
                "timeout", 5, recutId));
        assertThat(failed.recuts().get(0).backup()).isEqualTo(Backup.FAILED);
        assertThat(failed.backup()).as("the job's own upload").isEqualTo(Backup.STORED);

        JobState replayed = JobState.apply(failed, new ArtifactsStored(1, id, Instant.now(), List.of(),
                id + "/Talk_metadata.json", recutId));
        assertThat(replayed.recuts().get(0).backup()).isEqualTo(Backup.STORED);
        assertThat(JobState.apply(replayed, new UploadSkipped(1, id, Instant.now(), "no_credentials", recutId))
                .recuts().get(0).backup()).as("a stored backup stays stored").isEqualTo(Backup.STORED);

        JobState ownPending = fold(requested(id, null), rendered(id), recut,
                new ArtifactsStored(1, id, Instant.now(), List.of(), id + "/Talk_metadata.json", recutId));
        assertThat(ownPending.backup()).as("a recut's upload does not store the job's own clips").isEqualTo(Backup.PENDING);
    }

    @Test
    void aRecutsUploadReadBeforeItsRequestAndRenderingStillEndsCompletedAndStored() {
        String recutId = JobId.newId();
        ClipsRequested asked = new ClipsRequested(1, id, Instant.now(), recutId,
                JobRequested.JobSource.uploaded("uploads/" + id + "/source.mp4", "a.mp4", 1),
                List.of(JobRequested.RequestedClip.of(1, 2)), null, null, null);
        JobState s = fold(requested(id, null), rendered(id),
                new ArtifactsStored(1, id, Instant.now(), List.of(), id + "/Talk_metadata.json", recutId),
                asked, recutRendered(recutId));
        assertThat(s.recuts()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.COMPLETED);
            assertThat(r.backup()).isEqualTo(Backup.STORED);
        });
    }

    @Test
    void aFailedRecutNeedsNoBackupAndAnUploadOutcomeWithoutRecutIdIsTheJobsOwn() {
        String recutId = JobId.newId();
        JobState s = fold(requested(id, null), rendered(id),
                JobFailed.recut(id, recutId, "range_out_of_bounds", "past the end", false),
                new UploadSkipped(1, id, Instant.now(), "no_credentials"));
        assertThat(s.recuts().get(0).backup()).isEqualTo(Backup.SKIPPED);
        assertThat(s.backup()).isEqualTo(Backup.SKIPPED);
    }

    private JobRendered recutRendered(String recutId) {
        return new JobRendered(1, id, Instant.now(), "Talk", id + "/Talk_metadata.json",
                List.of(new JobRendered.RenderedArtifact("Talk_metadata.json", ArtifactKind.METADATA, null, 10, "ab")),
                List.of(new JobRendered.RenderedClip(2, "second", 1, 1080, 1920, "Talk_clip_2.mp4", "Talk_clip_2.jpg")),
                null, recutId);
    }

    @Test
    void eventsReadOutOfOrderNeverMoveAJobBackwards() {
        JobState s = fold(rendered(id), JobProgress.now(id, 30, "late"), JobStarted.now(id, "w"), requested(id, null),
                JobFailed.now(id, "render_failed", "late failure", false));
        assertThat(s.status()).isEqualTo(Status.COMPLETED);
        assertThat(s.progress()).isEqualTo(100);
        assertThat(s.requested()).isTrue();

        JobState p = fold(JobProgress.now(id, 60, "b"), JobProgress.now(id, 20, "a"));
        assertThat(p.progress()).isEqualTo(60);
    }

    @Test
    void aFailedJobCarriesItsReasonAndNeedsNoBackup() {
        JobState s = fold(requested(id, null), JobFailed.now(id, "corrupt_input", "no moov atom", false));
        assertThat(s.status()).isEqualTo(Status.FAILED);
        assertThat(s.errorCode()).isEqualTo("corrupt_input");
        assertThat(s.errorMessage()).isEqualTo("no moov atom");
        assertThat(s.backup()).isEqualTo(Backup.SKIPPED);
    }

    @Test
    void aLateUploadFailureDoesNotUndoAStoredBackup() {
        JobState s = fold(rendered(id), new ArtifactsStored(1, id, Instant.now(), List.of(), id + "/Talk_metadata.json"),
                new UploadFailed(1, id, Instant.now(), List.of("x"), "timeout", 5));
        assertThat(s.backup()).isEqualTo(Backup.STORED);
        assertThat(fold(rendered(id), new UploadFailed(1, id, Instant.now(), List.of("x"), "timeout", 5)).backup())
                .isEqualTo(Backup.FAILED);
    }

    @Test
    void theWebhookOfTheRequestIsRemembered() {
        JobState s = fold(JobStarted.now(id, "w"), requested(id, new JobRequested.Webhook("https://93.184.216.34/h", "k")));
        assertThat(s.webhook().secret()).isEqualTo("k");
        assertThat(s.status()).isEqualTo(Status.PROCESSING);
    }
}
