package dev.clipflow.gateway.status;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The job status view of this replica: every job's {@link JobState}, folded from the topics, in a
 * bounded cache (older jobs fall out and are answered from storage), plus a per-job broadcast of
 * changes for the live event streams and the webhooks.
 */
@ApplicationScoped
public class JobStatusView {

    private final Cache<String, JobState> jobs;
    private final Map<String, List<Consumer<JobState>>> followers = new ConcurrentHashMap<>();

    public JobStatusView(GatewayConfig config) {
        this.jobs = Caffeine.newBuilder().maximumSize(config.statusViewSize()).build();
    }

    public void apply(ClipflowEvent event) {
        JobState updated = jobs.asMap().compute(event.jobId(), (id, previous) -> JobState.apply(previous, event));
        List<Consumer<JobState>> listeners = followers.get(event.jobId());
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(updated));
        }
    }

    /** Every job the view holds now (a copy: later changes do not show in it). */
    public List<JobState> all() {
        return List.copyOf(jobs.asMap().values());
    }

    public Optional<JobState> find(String jobId) {
        return Optional.ofNullable(jobs.getIfPresent(jobId));
    }

    /**
     * The job's state now and after every change, completing after its final state. {@code initial}
     * is the state to start with when the view does not hold the job (e.g. read from storage).
     */
    public Multi<JobState> follow(String jobId, JobState initial) {
        return Multi.createFrom().emitter(emitter -> {
            Consumer<JobState> listener = state -> {
                emitter.emit(state);
                if (state.isFinal()) {
                    emitter.complete();
                }
            };
            emitter.onTermination(listen(jobId, listener));
            listener.accept(find(jobId).orElse(initial));
        });
    }

    /**
     * The job's state once this view has read its request: at once if it has, else when it does. The topics are
     * read in any order, so a job's outcome may be known before its request. The caller bounds the wait.
     */
    public Uni<JobState> whenRequested(String jobId) {
        return Uni.createFrom().emitter(emitter -> {
            Consumer<JobState> listener = state -> {
                if (state.requested()) {
                    emitter.complete(state); // later calls are ignored
                }
            };
            emitter.onTermination(listen(jobId, listener));
            find(jobId).ifPresent(listener);
        });
    }

    /**
     * Calls {@code listener} with the job's every change from now on, until the returned action is run. Registered
     * before the caller reads the view, so a change in between is seen twice, never lost.
     */
    private Runnable listen(String jobId, Consumer<JobState> listener) {
        followers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> followers.computeIfPresent(jobId, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }
}
