package dev.clipflow.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.captions.CaptionsStatus;
import dev.clipflow.contracts.layout.ArtifactKind;
import java.time.Instant;
import java.util.List;

/**
 * Every artifact of the job is on disk in {@code {WORK_DIR}/{job_id}/}. The job is completed from
 * here on, whatever happens to its upload. A recut's ({@code recutId} set) carries only the recut's new clips and
 * the job's rewritten metadata, which lists every clip of the job.
 */
public record JobRendered(
        int version,
        String jobId,
        Instant at,
        String title,
        String metadataFile,
        List<RenderedArtifact> artifacts,
        List<RenderedClip> clips,
        CaptionsStatus captions,
        String recutId) implements ClipflowEvent {

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
        recutId = recutId == null ? null : JobId.requireValid(recutId);
    }

    /** The job's own rendering, not a recut. */
    public JobRendered(int version, String jobId, Instant at, String title, String metadataFile,
            List<RenderedArtifact> artifacts, List<RenderedClip> clips, CaptionsStatus captions) {
        this(version, jobId, at, title, metadataFile, artifacts, clips, captions, null);
    }

    @JsonIgnore
    public boolean isRecut() {
        return recutId != null;
    }

    /** A job without captions. */
    public JobRendered(int version, String jobId, Instant at, String title, String metadataFile,
            List<RenderedArtifact> artifacts, List<RenderedClip> clips) {
        this(version, jobId, at, title, metadataFile, artifacts, clips, null, null);
    }

    /** One file of the job. {@code clipIndex} is 0-based, absent for the metadata file. */
    public record RenderedArtifact(String file, ArtifactKind kind, Integer clipIndex, long sizeBytes, String sha256) {
        public RenderedArtifact {
            Required.text(file, "artifacts[].file");
            Required.present(kind, "artifacts[].kind");
            Required.text(sha256, "artifacts[].sha256");
        }
    }

    /** What the status view shows of a clip. {@code index} is 0-based; {@code captions} is its {@code .srt}, if any. */
    public record RenderedClip(
            int index, String title, double duration, int width, int height, String file, String thumbnail,
            String captions) {
        public RenderedClip {
            Required.text(file, "clips[].file");
        }

        public RenderedClip(int index, String title, double duration, int width, int height, String file,
                String thumbnail) {
            this(index, title, duration, width, height, file, thumbnail, null);
        }
    }
}
