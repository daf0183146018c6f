package dev.clipflow.contracts.events;

import java.time.Instant;
import java.util.List;

/** The uploader gave up on some files after its attempts; they are kept in the work dir for a replay. */
public record UploadFailed(int version, String jobId, Instant at, List<String> failedFiles, String reason, int attempts)
        implements ClipflowEvent {
    public UploadFailed {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        failedFiles = Required.list(failedFiles);
        Required.text(reason, "reason");
    }
}
