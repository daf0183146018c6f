package dev.clipflow.uploader.service;

import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.UploadFailed;
import dev.clipflow.contracts.events.UploadSkipped;
import java.time.Instant;
import java.util.List;

/**
 * How the upload of a rendered job ended: an {@link Announced} outcome is one event on {@code upload-events}; a
 * {@link Cancelled} one has none (the job's {@code ArtifactsDeleted} follows when its cancellation is handled).
 */
public sealed interface JobOutcome {

    String jobId();

    String name();

    /** An outcome the gateway and the gallery hear of. */
    sealed interface Announced extends JobOutcome {
        /** The outcome's event; {@code recutId} is the answered {@code JobRendered}'s, null for the job's own. */
        ClipflowEvent toEvent(Instant at, String recutId);
    }

    /** The job was cancelled while it was being stored: its upload stopped, the metadata object was not written. */
    record Cancelled(String jobId) implements JobOutcome {
        public String name() {
            return "cancelled";
        }
    }

    record Stored(String jobId, List<ArtifactsStored.StoredArtifact> objects, String metadataKey) implements Announced {
        public String name() {
            return "stored";
        }

        public ClipflowEvent toEvent(Instant at, String recutId) {
            return new ArtifactsStored(ClipflowEvent.CURRENT_VERSION, jobId, at, objects, metadataKey, recutId);
        }
    }

    record Failed(String jobId, List<String> failedFiles, String reason, int attempts) implements Announced {
        public String name() {
            return "failed";
        }

        public ClipflowEvent toEvent(Instant at, String recutId) {
            return new UploadFailed(ClipflowEvent.CURRENT_VERSION, jobId, at, failedFiles, reason, attempts, recutId);
        }
    }

    record Skipped(String jobId, String reason) implements Announced {
        public String name() {
            return "skipped";
        }

        public ClipflowEvent toEvent(Instant at, String recutId) {
            return new UploadSkipped(ClipflowEvent.CURRENT_VERSION, jobId, at, reason, recutId);
        }
    }
}
