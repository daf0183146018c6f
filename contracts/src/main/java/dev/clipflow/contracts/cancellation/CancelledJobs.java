package dev.clipflow.contracts.cancellation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs cancelled on {@code clip-events}, as one service read them, and the threads working on a job now (a
 * worker rendering it, an uploader storing its files). A cancellation interrupts those threads, and only those: a
 * render's ffmpeg is killed, a put in flight is cancelled, a retry's pause is cut short. Every service that stops a
 * job's work on a cancellation has it as a bean (contracts is a bean archive; services that never inject it do not
 * keep it). Cancellations are remembered for a week, long past any queue or backlog.
 */
@Singleton
public class CancelledJobs {

    private final Cache<String, Boolean> cancelled = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofDays(7)).build();
    private final Set<Working> working = ConcurrentHashMap.newKeySet();

    public void cancel(String jobId) {
        cancelled.put(jobId, Boolean.TRUE);
        working.stream().filter(now -> now.jobId.equals(jobId)).forEach(Working::interrupt);
    }

    public boolean isCancelled(String jobId) {
        return cancelled.getIfPresent(jobId) != null;
    }

    /** The calling thread works on {@code jobId} until the returned handle is closed. */
    public Working working(String jobId) {
        Working handle = new Working(jobId, Thread.currentThread());
        working.add(handle);
        if (isCancelled(jobId)) {
            handle.interrupt(); // cancelled while the work was being taken up
        }
        return handle;
    }

    /** While open, a cancellation of the job interrupts its thread; closing it clears that interrupt. */
    public final class Working implements AutoCloseable {
        private final String jobId;
        private final Thread thread;
        private boolean done;

        private Working(String jobId, Thread thread) {
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
            working.remove(this);
            if (isCancelled(jobId)) {
                Thread.interrupted(); // the interrupt was ours: the thread's next piece of work must not see it
            }
        }
    }
}
