package dev.clipflow.contracts.events;

import dev.clipflow.contracts.layout.ArtifactKind;
import java.time.Instant;
import java.util.List;

/**
 * Every artifact of the job is on disk in {@code {WORK_DIR}/{job_id}/}. The job is completed from
 * here on, whatever happens to its upload.
 */
public record JobRendered(
        int version,
        String jobId,
        Instant at,
        String title,
        String metadataFile,
        List<RenderedArtifact> artifacts,
        List<RenderedClip> clips) implements ClipflowEvent {

    public JobRendered {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.text(title, "title");
        Required.text(metadataFile, "metadata_file");
        artifacts = Required.list(artifacts);
        clips = Required.list(clips);
        if (artifacts.isEmpty()) {
            throw new Required.MissingFieldException("artifacts");
        }
    }

    /** One file of the job. {@code clipIndex} is 0-based, absent for the metadata file. */
    public record RenderedArtifact(String file, ArtifactKind kind, Integer clipIndex, long sizeBytes, String sha256) {
        public RenderedArtifact {
            Required.text(file, "artifacts[].file");
            Required.present(kind, "artifacts[].kind");
            Required.text(sha256, "artifacts[].sha256");
        }
    }

    /** What the status view shows of a clip. {@code index} is 0-based. */
    public record RenderedClip(
            int index, String title, double duration, int width, int height, String file, String thumbnail) {
        public RenderedClip {
            Required.text(file, "clips[].file");
        }
    }
}
