package dev.clipflow.uploader.service;

import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A cancelled job: everything stored for it goes (clips, posters, captions, metadata under {@code {job_id}/},
 * the uploaded source under {@code uploads/{job_id}/}), its work dir too, and {@code ArtifactsDeleted} tells
 * the gallery. It arrives on {@code clip-events} after any {@code JobRendered} the job had, so nothing this
 * uploader stored for it survives (an upload of it in flight was stopped when the cancellation was first read,
 * see {@link CancelledJobs}); a {@code JobRendered} read after it (a worker that finished as the cancellation came)
 * is not stored.
 */
@ApplicationScoped
public class JobDeleter {

    private final ArtifactStore store;
    private final StorageAccess access;
    private final JobUploader uploader;
    private final WorkDirCleaner cleaner;
    private final UploadEventsPublisher events;
    private final CancelledJobs cancelled;

    public JobDeleter(ArtifactStore store, StorageAccess access, JobUploader uploader, WorkDirCleaner cleaner,
            UploadEventsPublisher events, CancelledJobs cancelled) {
        this.store = store;
        this.access = access;
        this.uploader = uploader;
        this.cleaner = cleaner;
        this.events = events;
        this.cancelled = cancelled;
    }

    public void delete(JobCancelled cancellation) {
        String jobId = cancellation.jobId();
        cancelled.cancel(jobId); // also stops an upload of it a replay may be running
        cleaner.cancelled(uploader.jobDir(jobId));
        int removed = 0;
        if (access.uploadsEnabled()) {
            removed = store.deleteAll(ObjectKeys.jobPrefix(jobId)) + store.deleteAll(ObjectKeys.uploadPrefix(jobId));
        }
        events.publish(ArtifactsDeleted.now(jobId, removed));
    }

    public boolean isCancelled(String jobId) {
        return cancelled.isCancelled(jobId);
    }

    /** A rendered job that was cancelled meanwhile: its files are dropped instead of stored. */
    public void discard(String jobId) {
        cleaner.cancelled(uploader.jobDir(jobId));
    }
}
