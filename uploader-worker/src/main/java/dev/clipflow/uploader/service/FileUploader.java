package dev.clipflow.uploader.service;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.InvalidKeyException;
import dev.clipflow.store.ObjectInfo;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Stores one file, idempotently: an object already under the key with the same size and SHA-256 is
 * kept as it is; otherwise the file is put (the store verifies the SHA-256 and publishes nothing
 * under the key unless all of it arrived). Transient failures and checksum mismatches are retried as every storage
 * call of the uploader is ({@link StorageRetries}). An interrupt (the job was cancelled, or the worker is stopping)
 * ends it at once: a put in flight stops, and there is no further attempt.
 */
@ApplicationScoped
public class FileUploader {

    private static final Logger LOG = Logger.getLogger(FileUploader.class);

    private final ArtifactStore store;
    private final UploadMetrics metrics;
    private final TypedGuard<FileResult> retries;

    public FileUploader(ArtifactStore store, StorageRetries retries, UploadMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.retries = retries.guard(FileResult.class, FileUploader::worthRetrying);
    }

    public FileResult upload(PlannedArtifact file) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retries.get(() -> {
                attempts.incrementAndGet();
                return attempt(file);
            }).withAttempts(attempts.get());
        } catch (Exception failure) {
            // The guard rethrows the InterruptedException of a pause cut short (job cancelled, worker stopping) as it is.
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debugf(failure, "giving up on %s after %d attempts", file.key(), attempts.get());
            return FileResult.failed(file, attempts.get(), failure);
        }
    }

    private FileResult attempt(PlannedArtifact file) {
        try {
            return store(file);
        } catch (RuntimeException failure) {
            if (!StorageRetries.interrupted(failure)) { // cancelled or stopping: not a failure of the store
                metrics.attemptFailed();
            }
            throw failure;
        }
    }

    private FileResult store(PlannedArtifact file) {
        Optional<ObjectInfo> existing = store.head(file.key());
        if (existing.isPresent() && sameContent(existing.get(), file)) {
            LOG.debugf("%s already stored", file.key());
            metrics.alreadyStored();
            return FileResult.stored(file, existing.get(), true);
        }
        if (!Files.isRegularFile(file.source())) {
            throw new MissingArtifactException(file);
        }
        long started = System.nanoTime();
        metrics.put();
        ObjectInfo stored = store.put(file.key(), file.source(), file.options());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.uploaded(stored.size(), took);
        LOG.debugf("stored %s (%d bytes) in %d ms", file.key(), stored.size(), took.toMillis());
        return FileResult.stored(file, stored, false);
    }

    private static boolean sameContent(ObjectInfo info, PlannedArtifact file) {
        return info.size() == file.size() && file.sha256().equalsIgnoreCase(String.valueOf(info.sha256()));
    }

    /** Any storage failure, a checksum mismatch too; an interrupt never ({@link StorageRetries}). */
    private static boolean worthRetrying(Throwable failure) {
        return !(failure instanceof InvalidKeyException || failure instanceof MissingArtifactException
                || failure instanceof IllegalArgumentException);
    }

    /** The file is neither in storage nor in the work dir: no retry can bring it back. */
    public static class MissingArtifactException extends RuntimeException {
        MissingArtifactException(PlannedArtifact file) {
            super("artifact " + file.fileName() + " is neither stored nor in " + file.source().getParent());
        }
    }

    /** How one file ended: stored (now or before) or failed, and after how many attempts. */
    public record FileResult(PlannedArtifact file, ObjectInfo stored, boolean wasAlreadyStored, int attempts,
            Exception failure) {

        static FileResult stored(PlannedArtifact file, ObjectInfo info, boolean wasAlreadyStored) {
            return new FileResult(file, info, wasAlreadyStored, 1, null);
        }

        static FileResult failed(PlannedArtifact file, int attempts, Exception failure) {
            return new FileResult(file, null, false, attempts, failure);
        }

        FileResult withAttempts(int attempts) {
            return new FileResult(file, stored, wasAlreadyStored, attempts, failure);
        }

        public boolean succeeded() {
            return failure == null;
        }
    }
}
