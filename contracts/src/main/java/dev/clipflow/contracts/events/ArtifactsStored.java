package dev.clipflow.contracts.events;

import java.time.Instant;
import java.util.List;

/** Every artifact of the job is in storage, the metadata object last. */
public record ArtifactsStored(int version, String jobId, Instant at, List<StoredObject> objects, String metadataKey)
        implements ClipflowEvent {
    public ArtifactsStored {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        objects = Required.list(objects);
        Required.text(metadataKey, "metadata_key");
    }

    public record StoredObject(String key, long size, String etag) {
        public StoredObject {
            Required.text(key, "objects[].key");
        }
    }
}
