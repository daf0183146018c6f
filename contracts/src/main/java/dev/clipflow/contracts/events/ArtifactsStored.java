package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.clipflow.contracts.JobId;
import java.time.Instant;
import java.util.List;

/**
 * Every artifact of the {@code JobRendered} this answers is in storage, the metadata object last. {@code recutId} is
 * that {@code JobRendered}'s: set when a recut's clips were stored, absent for the job's own (and in records written
 * before recuts had one).
 */
public record ArtifactsStored(int version, String jobId, Instant at, List<StoredArtifact> objects, String metadataKey,
        String recutId) implements ClipflowEvent {
    public ArtifactsStored {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        objects = Required.list(objects);
        Required.text(metadataKey, "metadata_key");
        recutId = recutId == null ? null : JobId.requireValid(recutId);
    }

    /** The job's own artifacts. */
    public ArtifactsStored(int version, String jobId, Instant at, List<StoredArtifact> objects, String metadataKey) {
        this(version, jobId, at, objects, metadataKey, null);
    }

    @JsonIgnore
    public boolean isRecut() {
        return recutId != null;
    }

    public record StoredArtifact(String key, long size, String etag) {
        public StoredArtifact {
            Required.text(key, "objects[].key");
        }
    }
}
