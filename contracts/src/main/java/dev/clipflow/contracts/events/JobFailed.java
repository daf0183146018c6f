package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** The job cannot be completed. {@code code} is one of {@link FailureCode}'s values. */
public record JobFailed(int version, String jobId, Instant at, String code, String message,
        @JsonProperty(required = true) boolean retryable)
        implements ClipflowEvent {
    public JobFailed {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.text(code, "code");
        message = message == null ? code : message;
    }

    public static JobFailed now(String jobId, String code, String message,
        @JsonProperty(required = true) boolean retryable) {
        return new JobFailed(CURRENT_VERSION, jobId, Instant.now(), code, message, retryable);
    }
}
