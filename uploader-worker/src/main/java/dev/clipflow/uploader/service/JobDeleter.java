package dev.clipflow.uploader.service;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.StorageInterruptedException;
import dev.clipflow.store.StorageUnavailableException;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cancelled job: everything stored for it goes (clips, posters, captions, metadata under {@code {job_id}/},
 * the uploaded source under {@code uploads/{job_id}/}), its work dir too, and {@code ArtifactsDeleted} tells
 * the gallery. It arrives on {@code clip-events} after any {@code JobRendered} the job had, so nothing this
 * uploader stored for it survives (an upload of it in flight was stopped when the cancellation was first read,
 * see {@link CancelledJobs}); a {@code JobRendered} read after it (a worker that finished as the cancellation came)
 * is not stored.
 *
 * <p>Storage that is unavailable meanwhile is waited for as a put is ({@link StorageRetries}); deleting again what
 * is already gone is harmless. A deletion still failing after its last attempt is returned as such, with nothing
 * announced, for the caller to park the cancellation for a replay.
 */
@ApplicationScoped
public class JobDeleter {

    private final ArtifactStore store;
    private final StorageAccess access;
    private final JobUploader uploader;
    private final WorkDirCleaner cleaner;
    private final UploadEventsPublisher events;
    private final CancelledJobs cancelled;
    private final TypedGuard<Integer> retries;

    public JobDeleter(ArtifactStore store, StorageAccess access, JobUploader uploader, WorkDirCleaner cleaner,
            UploadEventsPublisher events, CancelledJobs cancelled, StorageRetries retries) {
        this.store = store;
        this.access = access;
        this.uploader = uploader;
        this.cleaner = cleaner;
        this.events = events;
        this.cancelled = cancelled;
        // Only an outage is waited out; anything else (access denied, say) would fail the same way again.
        this.retries = retries.guard(Integer.class, StorageUnavailableException.class::isInstance);
    }

    public Deletion delete(JobCancelled cancellation) {
        String jobId = cancellation.jobId();
        cancelled.cancel(jobId); // also stops an upload of it a replay may be running
        cleaner.cancelled(uploader.jobDir(jobId));
        int removed = 0;
        if (access.uploadsEnabled()) {
            // One prefix after the other, each with its own attempts: the objects of the first are counted even when
            // the storage goes away during the second.
            AtomicInteger attempts = new AtomicInteger();
            try {
                removed = deleteAll(ObjectKeys.jobPrefix(jobId), attempts);
                removed += deleteAll(ObjectKeys.uploadPrefix(jobId), attempts);
            } catch (StorageInterruptedException stopped) {
                throw stopped;
            } catch (Exception failure) {
                if (failure instanceof InterruptedException) { // a backoff pause cut short: the worker is stopping
                    Thread.currentThread().interrupt();
                    throw new StorageInterruptedException(ObjectKeys.jobPrefix(jobId), failure);
                }
                return new Deletion(jobId, 0, attempts.get(), JobUploader.describe(failure));
            }
        }
        events.publish(ArtifactsDeleted.now(jobId, removed));
        return new Deletion(jobId, removed, 1, null);
    }

    private int deleteAll(String prefix, AtomicInteger attempts) {
        attempts.set(0);
        return retries.get(() -> {
            attempts.incrementAndGet();
            return store.deleteAll(prefix);
        });
    }

    public boolean isCancelled(String jobId) {
        return cancelled.isCancelled(jobId);
    }

    /** A rendered job that was cancelled meanwhile: its files are dropped instead of stored. */
    public void discard(String jobId) {
        cleaner.cancelled(uploader.jobDir(jobId));
    }

    /**
     * How a cancelled job's deletion ended: {@code objects} removed and {@code ArtifactsDeleted} published, or, with a
     * {@code failure}, given up after {@code attempts} on one of its prefixes with nothing announced.
     */
    public record Deletion(String jobId, int objects, int attempts, String failure) {
        public boolean deleted() {
            return failure == null;
        }
    }
}
