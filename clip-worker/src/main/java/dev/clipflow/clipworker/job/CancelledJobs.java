package dev.clipflow.clipworker.job;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs cancelled on {@code clip-events}, as this worker read them, and the thread rendering each job now.
 * A cancellation interrupts that thread, which kills its ffmpeg processes (see {@code ProcessRunner}); a job
 * cancelled before a worker takes it is skipped. Cancellations are remembered for a week, long past any queue.
 */
@ApplicationScoped
public class CancelledJobs {

    private final Cache<String, Boolean> cancelled = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofDays(7)).build();
    private final Map<String, Rendering> rendering = new ConcurrentHashMap<>();

    public void cancel(String jobId) {
        cancelled.put(jobId, Boolean.TRUE);
        Rendering now = rendering.get(jobId);
        if (now != null) {
            now.interrupt();
        }
    }

    public boolean isCancelled(String jobId) {
        return cancelled.getIfPresent(jobId) != null;
    }

    /** The calling thread renders {@code jobId} until the returned handle is closed. */
    public Rendering rendering(String jobId) {
        Rendering handle = new Rendering(jobId, Thread.currentThread());
        rendering.put(jobId, handle);
        if (isCancelled(jobId)) {
            handle.interrupt(); // cancelled while the job was being taken
        }
        return handle;
    }

    /** While open, a cancellation of the job interrupts its thread; closing it clears that interrupt. */
    public final class Rendering implements AutoCloseable {
        private final String jobId;
        private final Thread thread;
        private boolean done;

        private Rendering(String jobId, Thread thread) {
            this.jobId = jobId;
            this.thread = thread;
        }

        private synchronized void interrupt() {
            if (!done) {
                thread.interrupt();
            }
        }

        @Override
        public synchronized void close() {
            done = true;
            rendering.remove(jobId, this);
            if (isCancelled(jobId)) {
                Thread.interrupted(); // the interrupt was ours: the thread's next job must not see it
            }
        }
    }
}
