package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.clipflow.contracts.JobId;
import java.time.Instant;

/**
 * The job cannot be completed. {@code code} is one of {@link FailureCode}'s values. With {@code recutId}, only that
 * recut failed: the job stays completed with the clips it had.
 */
public record JobFailed(int version, String jobId, Instant at, String code, String message,
        @JsonProperty(required = true) boolean retryable, String recutId)
        implements ClipflowEvent {
    public JobFailed {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.text(code, "code");
        message = message == null ? code : message;
        recutId = recutId == null ? null : JobId.requireValid(recutId);
    }

    public JobFailed(int version, String jobId, Instant at, String code, String message, boolean retryable) {
        this(version, jobId, at, code, message, retryable, null);
    }

    @JsonIgnore
    public boolean isRecut() {
        return recutId != null;
    }

    public static JobFailed now(String jobId, String code, String message,
        @JsonProperty(required = true) boolean retryable) {
        return new JobFailed(CURRENT_VERSION, jobId, Instant.now(), code, message, retryable, null);
    }

    /** The recut {@code recutId} of the job failed; the job itself stays as it was. */
    public static JobFailed recut(String jobId, String recutId, String code, String message, boolean retryable) {
        return new JobFailed(CURRENT_VERSION, jobId, Instant.now(), code, message, retryable, Required.text(recutId, "recut_id"));
    }
}
