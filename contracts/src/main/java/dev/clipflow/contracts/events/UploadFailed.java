package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.clipflow.contracts.JobId;
import java.time.Instant;
import java.util.List;

/**
 * The uploader gave up on some files after its attempts; they are kept in the work dir for a replay. {@code recutId}
 * is the answered {@code JobRendered}'s, as in {@link ArtifactsStored}.
 */
public record UploadFailed(int version, String jobId, Instant at, List<String> failedFiles, String reason, int attempts,
        String recutId) implements ClipflowEvent {
    public UploadFailed {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        failedFiles = Required.list(failedFiles);
        Required.text(reason, "reason");
        recutId = recutId == null ? null : JobId.requireValid(recutId);
    }

    /** The job's own upload. */
    public UploadFailed(int version, String jobId, Instant at, List<String> failedFiles, String reason, int attempts) {
        this(version, jobId, at, failedFiles, reason, attempts, null);
    }

    @JsonIgnore
    public boolean isRecut() {
        return recutId != null;
    }
}
