package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Rendering progress: percent of the total output duration done, and the stage it is in. */
public record JobProgress(int version, String jobId, Instant at, @JsonProperty(required = true) int percent, String stage) implements ClipflowEvent {
    public JobProgress {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100, got " + percent);
        }
    }

    public static JobProgress now(String jobId, int percent, String stage) {
        return new JobProgress(CURRENT_VERSION, jobId, Instant.now(), percent, stage);
    }
}
