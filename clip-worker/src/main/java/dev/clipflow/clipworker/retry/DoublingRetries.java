package dev.clipflow.clipworker.retry;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The worker's one policy for a passing failure (storage away, a busy transcription service), as a SmallRye Fault
 * Tolerance guard: up to {@code attempts} attempts, pausing {@code firstPause}, then twice as long before each next one.
 */
public final class DoublingRetries {

    private DoublingRetries() {
    }

    /** A guard that retries {@code passing} failures only; any other failure ends it at once. */
    public static Guard of(int attempts, Duration firstPause, Class<? extends Throwable> passing) {
        return Guard.create()
                .withRetry()
                .maxRetries(Math.max(1, attempts) - 1)
                .delay(firstPause.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                // The attempts bound it: an attempt may take long (a large download, a long transcription).
                .maxDuration(1, ChronoUnit.DAYS)
                .retryOn(passing)
                .withExponentialBackoff().factor(2).maxDelay(1, ChronoUnit.HOURS).done()
                .done()
                .build();
    }
}
