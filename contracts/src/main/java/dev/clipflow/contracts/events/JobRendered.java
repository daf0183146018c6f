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
 * the job's rewritten metadata, which lists every clip of the job. {@code metadataKey} is the key the metadata object
 * is stored under, the same name {@code ArtifactsStored} gives it. Records of version 1 named it by file and counted
 * clips from 0: {@code ClipflowJson} reads them as this version (see docs/architecture.md).
 */
public record JobRendered(
        int version,
        String jobId,
        Instant at,
        String title,
        String metadataKey,
        List<RenderedArtifact> artifacts,
        List<RenderedClip> clips,
        CaptionsStatus captions,
        String recutId) implements ClipflowEvent {

    public JobRendered {
        version = Required.version(version);
        jobId = Required.jobId(jobId);
        Required.present(at, "at");
        Required.text(title, "title");
        Required.text(metadataKey, "metadata_key");
        artifacts = Required.list(artifacts);
        clips = Required.list(clips);
        if (artifacts.isEmpty()) {
            throw new Required.MissingFieldException("artifacts");
        }
        recutId = recutId == null ? null : JobId.requireValid(recutId);
    }

    /** The job's own rendering, not a recut. */
    public JobRendered(int version, String jobId, Instant at, String title, String metadataKey,
            List<RenderedArtifact> artifacts, List<RenderedClip> clips, CaptionsStatus captions) {
        this(version, jobId, at, title, metadataKey, artifacts, clips, captions, null);
    }

    @JsonIgnore
    public boolean isRecut() {
        return recutId != null;
    }

    /** A job without captions. */
    public JobRendered(int version, String jobId, Instant at, String title, String metadataKey,
            List<RenderedArtifact> artifacts, List<RenderedClip> clips) {
        this(version, jobId, at, title, metadataKey, artifacts, clips, null, null);
    }

    /** One file of the job. {@code clipNumber} is the clip's (1-based, the n of its file name), absent for the metadata. */
    public record RenderedArtifact(String file, ArtifactKind kind, Integer clipNumber, long sizeBytes, String sha256) {
        public RenderedArtifact {
            Required.text(file, "artifacts[].file");
            Required.present(kind, "artifacts[].kind");
            Required.text(sha256, "artifacts[].sha256");
            if (clipNumber != null) {
                Required.clipNumber(clipNumber, "artifacts[].clip_number");
            }
        }
    }

    /**
     * What the status view shows of a clip. {@code number} is 1-based, the n of its file name; {@code captions} is its
     * {@code .srt}, if any.
     */
    public record RenderedClip(
            int number, String title, double duration, int width, int height, String file, String thumbnail,
            String captions) {
        public RenderedClip {
            Required.text(file, "clips[].file");
            Required.clipNumber(number, "clips[].number");
        }

        public RenderedClip(int number, String title, double duration, int width, int height, String file,
                String thumbnail) {
            this(number, title, duration, width, height, file, thumbnail, null);
        }
    }
}
