package dev.clipflow.uploader.service;

import dev.clipflow.store.StorageInterruptedException;
import dev.clipflow.uploader.config.UploadConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * The one retry policy of the uploader's storage calls (a file's put in {@link FileUploader}, a cancelled job's
 * deletion in {@link JobDeleter}), through SmallRye Fault Tolerance: up to {@code max-attempts} attempts, exponential
 * backoff from {@code backoff-base} up to {@code backoff-max}, with a jitter of half the base so that workers that
 * failed together do not come back together. Every retry counts in {@code clipflow.upload.retries}. An interrupt (the
 * job was cancelled, or the worker is stopping) ends it at once: no further attempt, and a backoff pause is cut short
 * (the guard then throws its {@link InterruptedException}).
 */
@ApplicationScoped
public class StorageRetries {

    private final UploadConfig config;
    private final UploadMetrics metrics;

    public StorageRetries(UploadConfig config, UploadMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** A guard that retries the failures {@code worthRetrying} accepts, unless the attempt was interrupted. */
    public <T> TypedGuard<T> guard(Class<T> result, Predicate<Throwable> worthRetrying) {
        long baseMillis = config.backoffBase().toMillis();
        return TypedGuard.create(result)
                .withRetry()
                .maxRetries(config.maxAttempts() - 1)
                .delay(baseMillis, ChronoUnit.MILLIS)
                .jitter(baseMillis / 2, ChronoUnit.MILLIS)
                // The attempts bound the retries; a large file (or a long listing) may take long on each of them.
                .maxDuration(1, ChronoUnit.DAYS)
                .whenException(failure -> !interrupted(failure) && worthRetrying.test(failure))
                .beforeRetry(metrics::retry)
                .withExponentialBackoff().factor(2).maxDelay(config.backoffMax().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }

    /**
     * Whether the attempt ended because its thread was interrupted, not because the store failed. Runs on the thread
     * that made the attempt: an interrupt noticed by something else than the store counts too.
     */
    static boolean interrupted(Throwable failure) {
        return failure instanceof StorageInterruptedException || Thread.currentThread().isInterrupted();
    }
}
