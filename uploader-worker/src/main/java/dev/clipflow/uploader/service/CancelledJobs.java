package dev.clipflow.uploader.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs cancelled on {@code clip-events}, as this uploader read them, and the threads storing a job's files now.
 * A cancellation interrupts those threads: a put in flight stops (the store cancels its transfer), a retry's backoff
 * is cut short, and no further file of the job is stored. Threads storing other jobs are left alone. Cancellations
 * are remembered for a week, long past any backlog.
 */
@ApplicationScoped
public class CancelledJobs {

    private final Cache<String, Boolean> cancelled = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofDays(7)).build();
    private final Set<Storing> storing = ConcurrentHashMap.newKeySet();

    public void cancel(String jobId) {
        cancelled.put(jobId, Boolean.TRUE);
        storing.stream().filter(now -> now.jobId.equals(jobId)).forEach(Storing::interrupt);
    }

    public boolean isCancelled(String jobId) {
        return cancelled.getIfPresent(jobId) != null;
    }

    /** The calling thread stores files of {@code jobId} until the returned handle is closed. */
    public Storing storing(String jobId) {
        Storing handle = new Storing(jobId, Thread.currentThread());
        storing.add(handle);
        if (isCancelled(jobId)) {
            handle.interrupt(); // cancelled while the thread was being registered
        }
        return handle;
    }

    /** While open, a cancellation of the job interrupts its thread; closing it clears that interrupt. */
    public final class Storing implements AutoCloseable {
        private final String jobId;
        private final Thread thread;
        private boolean done;

        private Storing(String jobId, Thread thread) {
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
            storing.remove(this);
            if (isCancelled(jobId)) {
                Thread.interrupted(); // the interrupt was ours: the thread's next file must not see it
            }
        }
    }
}
