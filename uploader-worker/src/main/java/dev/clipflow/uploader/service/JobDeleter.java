package dev.clipflow.uploader.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * A cancelled job: everything stored for it goes (clips, posters, captions, metadata under {@code {job_id}/},
 * the uploaded source under {@code uploads/{job_id}/}), its work dir too, and {@code ArtifactsDeleted} tells
 * the gallery. It arrives on {@code clip-events} after any {@code JobRendered} the job had, so nothing this
 * uploader stored for it survives; a {@code JobRendered} read after it (a worker that finished as the
 * cancellation came) is not stored.
 */
@ApplicationScoped
public class JobDeleter {

    private final ArtifactStore store;
    private final StorageAccess access;
    private final JobUploader uploader;
    private final WorkDirCleaner cleaner;
    private final UploadEventsPublisher events;
    private final Cache<String, Boolean> cancelled = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofDays(7)).build();

    public JobDeleter(ArtifactStore store, StorageAccess access, JobUploader uploader, WorkDirCleaner cleaner,
            UploadEventsPublisher events) {
        this.store = store;
        this.access = access;
        this.uploader = uploader;
        this.cleaner = cleaner;
        this.events = events;
    }

    public void delete(JobCancelled cancellation) {
        String jobId = cancellation.jobId();
        cancelled.put(jobId, Boolean.TRUE);
        cleaner.cancelled(uploader.jobDir(jobId));
        int removed = 0;
        if (access.uploadsEnabled()) {
            removed = store.deleteAll(ObjectKeys.jobPrefix(jobId)) + store.deleteAll(ObjectKeys.uploadPrefix(jobId));
        }
        events.publish(ArtifactsDeleted.now(jobId, removed));
    }

    public boolean isCancelled(String jobId) {
        return cancelled.getIfPresent(jobId) != null;
    }

    /** A rendered job that was cancelled meanwhile: its files are dropped instead of stored. */
    public void discard(String jobId) {
        cleaner.cancelled(uploader.jobDir(jobId));
    }
}
