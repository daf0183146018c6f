package dev.clipflow.contracts.events;

import java.time.Instant;

/** Nothing was uploaded, on purpose (e.g. {@code no_credentials}); the job stays completed. */
public record UploadSkipped(int version, String jobId, Instant at, String reason) implements ClipflowEvent {
    public static final String NO_CREDENTIALS = "no_credentials";

    public UploadSkipped {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.text(reason, "reason");
    }
}
