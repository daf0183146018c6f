package dev.clipflow.uploader.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Up to {@code maxAttempts} tries with exponential backoff and "equal jitter": before try n+1 it
 * waits between half and all of {@code min(max, base * 2^(n-1))}, so workers that failed together do
 * not come back together. (SmallRye Fault Tolerance 3.37.1 is not served by the registry here.)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, got " + maxAttempts);
        }
    }

    public Duration delayAfter(int failedAttempt) {
        long capped = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(failedAttempt - 1, 30));
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
    }

    /** Runs {@code action} until it succeeds, fails for good, or the attempts are used up. */
    public <T> Attempted<T> run(Supplier<T> action, Predicate<RuntimeException> retryable, Runnable onRetry) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Attempted<>(action.get(), attempt, null);
            } catch (RuntimeException failure) {
                if (attempt >= maxAttempts || !retryable.test(failure)) {
                    return new Attempted<>(null, attempt, failure);
                }
                if (!sleep(delayAfter(attempt))) {
                    return new Attempted<>(null, attempt, failure);
                }
                onRetry.run();
            }
        }
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The value, or the last failure, and how many attempts it took. */
    public record Attempted<T>(T value, int attempts, RuntimeException failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }
}
