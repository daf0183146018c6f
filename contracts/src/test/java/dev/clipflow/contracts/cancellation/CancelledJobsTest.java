package dev.clipflow.contracts.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CancelledJobsTest {

    private final CancelledJobs jobs = new CancelledJobs();

    @Test
    void aCancellationInterruptsEveryThreadWorkingOnThatJobAndNoOther() throws Exception {
        CountDownLatch working = new CountDownLatch(3);
        AtomicBoolean otherInterrupted = new AtomicBoolean();
        Thread first = worker("job-a", working, null);
        Thread second = worker("job-a", working, null);
        Thread other = worker("job-b", working, otherInterrupted);
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();

        jobs.cancel("job-a");

        first.join(2_000);
        second.join(2_000);
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
        assertThat(jobs.isCancelled("job-a")).isTrue();
        assertThat(jobs.isCancelled("job-b")).isFalse();
        other.join(2_000);
        assertThat(otherInterrupted).isFalse();
    }

    @Test
    void workTakenUpAfterTheCancellationIsInterruptedAtOnceAndTheInterruptEndsWithIt() {
        jobs.cancel("job-a");

        try (CancelledJobs.Working ignored = jobs.working("job-a")) {
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        assertThat(Thread.interrupted()).as("the next piece of work does not see it").isFalse();
    }

    /** Works on {@code jobId} until interrupted, or for 1 s ({@code interrupted} is then left false). */
    private Thread worker(String jobId, CountDownLatch working, AtomicBoolean interrupted) {
        Thread thread = new Thread(() -> {
            try (CancelledJobs.Working ignored = jobs.working(jobId)) {
                working.countDown();
                Thread.sleep(interrupted == null ? 10_000 : 1_000);
            } catch (InterruptedException e) {
                if (interrupted != null) {
                    interrupted.set(true);
                }
            }
        });
        thread.start();
        return thread;
    }
}
