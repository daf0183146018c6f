package dev.clipflow.contracts.events;

import java.time.Instant;

/** A clip-worker took the job. */
public record JobStarted(int version, String jobId, Instant at, String worker) implements ClipflowEvent {
    public JobStarted {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
    }

    public static JobStarted now(String jobId, String worker) {
        return new JobStarted(CURRENT_VERSION, jobId, Instant.now(), worker);
    }
}
