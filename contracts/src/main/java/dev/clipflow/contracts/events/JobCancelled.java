package dev.clipflow.contracts.events;

import java.time.Instant;

/**
 * The job is cancelled and deleted, on {@code clip-events} (keyed by job id, so it is ordered after any
 * {@code JobRendered} of the job). The gateway emits it when a user deletes the job ({@code by} = {@link #BY_API});
 * a clip-worker emits it again once it stopped rendering the job ({@code by} = the worker). Every consumer
 * treats it as final: the worker never renders the job, the uploader stores nothing more of it and deletes
 * what is stored, the status view answers it as gone.
 */
public record JobCancelled(int version, String jobId, Instant at, String by) implements ClipflowEvent {
    public static final String BY_API = "api";

    public JobCancelled {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        by = by == null || by.isBlank() ? BY_API : by;
    }

    public static JobCancelled now(String jobId, String by) {
        return new JobCancelled(CURRENT_VERSION, jobId, Instant.now(), by);
    }
}
