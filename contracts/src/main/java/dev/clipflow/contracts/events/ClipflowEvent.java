package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Every record on the Clipflow topics. Serialized as JSON with a {@code type} discriminator
 * (the record's simple name) and a {@code version}; readers ignore fields they do not know.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JobRequested.class, name = "JobRequested"),
        @JsonSubTypes.Type(value = ClipsRequested.class, name = "ClipsRequested"),
        @JsonSubTypes.Type(value = JobStarted.class, name = "JobStarted"),
        @JsonSubTypes.Type(value = JobProgress.class, name = "JobProgress"),
        @JsonSubTypes.Type(value = JobRendered.class, name = "JobRendered"),
        @JsonSubTypes.Type(value = JobFailed.class, name = "JobFailed"),
        @JsonSubTypes.Type(value = ArtifactsStored.class, name = "ArtifactsStored"),
        @JsonSubTypes.Type(value = UploadFailed.class, name = "UploadFailed"),
        @JsonSubTypes.Type(value = UploadSkipped.class, name = "UploadSkipped"),
        @JsonSubTypes.Type(value = JobCancelled.class, name = "JobCancelled"),
        @JsonSubTypes.Type(value = ArtifactsDeleted.class, name = "ArtifactsDeleted")
})
public sealed interface ClipflowEvent
        permits JobRequested, ClipsRequested, JobStarted, JobProgress, JobRendered, JobFailed, ArtifactsStored, UploadFailed, UploadSkipped,
        JobCancelled, ArtifactsDeleted {

    /** 2: a {@code JobRendered} numbers clips from 1 and names its metadata object by key (see docs/architecture.md). */
    int CURRENT_VERSION = 2;

    int version();

    String jobId();

    /** When the event happened, as seen by the service that emitted it. */
    Instant at();

    @JsonIgnore
    default String type() {
        return getClass().getSimpleName();
    }
}
