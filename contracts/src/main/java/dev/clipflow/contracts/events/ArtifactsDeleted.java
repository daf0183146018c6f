package dev.clipflow.contracts.events;

import java.time.Instant;

/**
 * Everything stored for a cancelled job (clips, posters, captions, metadata, uploaded source) is gone, on
 * {@code upload-events}: the gallery drops the job. {@code objects} is how many objects this deletion removed.
 */
public record ArtifactsDeleted(int version, String jobId, Instant at, int objects) implements ClipflowEvent {
    public ArtifactsDeleted {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
    }

    public static ArtifactsDeleted now(String jobId, int objects) {
        return new ArtifactsDeleted(CURRENT_VERSION, jobId, Instant.now(), objects);
    }
}
