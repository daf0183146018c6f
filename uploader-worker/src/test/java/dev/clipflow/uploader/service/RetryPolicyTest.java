package dev.clipflow.uploader.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void delaysDoubleWithJitterUpToTheCeiling() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayAfter(1).toMillis()).isBetween(5L, 10L);
            assertThat(policy.delayAfter(2).toMillis()).isBetween(10L, 20L);
            assertThat(policy.delayAfter(3).toMillis()).isBetween(20L, 40L);
            assertThat(policy.delayAfter(30).toMillis()).isBetween(20L, 40L);
        }
    }

    @Test
    void transientFailuresAreRetriedUntilSuccess() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        var result = policy.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("down");
            }
            return "stored";
        }, e -> true, retries::incrementAndGet);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.value()).isEqualTo("stored");
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(retries).hasValue(2);
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        AtomicInteger calls = new AtomicInteger();
        var result = policy.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("still down");
        }, e -> true, () -> { });

        assertThat(result.succeeded()).isFalse();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(calls).hasValue(4);
        assertThat(result.failure()).hasMessage("still down");
    }

    @Test
    void failuresNoRetryCanFixStopAtOnce() {
        var result = policy.run(() -> {
            throw new IllegalArgumentException("bad key");
        }, e -> !(e instanceof IllegalArgumentException), () -> { });

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.succeeded()).isFalse();
    }
}
