package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.clipflow.contracts.JobId;
import java.time.Instant;

/**
 * Nothing was uploaded, on purpose (e.g. {@code no_credentials}); the job stays completed. {@code recutId} is the
 * answered {@code JobRendered}'s, as in {@link ArtifactsStored}.
 */
public record UploadSkipped(int version, String jobId, Instant at, String reason, String recutId)
        implements ClipflowEvent {
    public static final String NO_CREDENTIALS = "no_credentials";

    public UploadSkipped {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.text(reason, "reason");
        recutId = recutId == null ? null : JobId.requireValid(recutId);
    }

    /** The job's own upload. */
    public UploadSkipped(int version, String jobId, Instant at, String reason) {
        this(version, jobId, at, reason, null);
    }

    @JsonIgnore
    public boolean isRecut() {
        return recutId != null;
    }
}
