package dev.clipflow.uploader.service;

import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.contracts.layout.ArtifactKind;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.PutOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to store for a rendered job: the clips, thumbnails and caption files (in any order, in parallel), then the
 * metadata document, strictly last. Only plain {@code .mp4}/{@code .jpg}/{@code .srt}/{@code .vtt}/{@code .json} names inside
 * {@code {WORK_DIR}/{job_id}/} are accepted; {@code temp_*} files are left out.
 */
public record UploadPlan(String jobId, Path jobDir, List<PlannedArtifact> media, PlannedArtifact metadata) {

    private static final Set<String> UPLOADED_EXTENSIONS = Set.of(".mp4", ".jpg", ".srt", ".vtt", ".json");

    public static UploadPlan of(JobRendered event, Path workDir) {
        String jobId = event.jobId();
        Path jobDir = workDir.resolve(jobId).toAbsolutePath().normalize();
        List<String> refused = new ArrayList<>();
        List<PlannedArtifact> media = new ArrayList<>();
        List<PlannedArtifact> metadata = new ArrayList<>();
        for (RenderedArtifact artifact : event.artifacts()) {
            String name = artifact.file();
            if (!isPlainNameInside(jobDir, name)) {
                refused.add(name);
            } else if (ObjectKeys.isTemporary(name) || !UPLOADED_EXTENSIONS.contains(extensionOf(name))) {
                continue;
            } else {
                PlannedArtifact file = plan(jobId, jobDir, artifact);
                (artifact.kind() == ArtifactKind.METADATA ? metadata : media).add(file);
            }
        }
        if (!refused.isEmpty()) {
            throw new RefusedArtifactException(refused, "file names that are not plain names inside the job folder");
        }
        if (metadata.size() != 1) {
            throw new RefusedArtifactException(metadata.stream().map(PlannedArtifact::fileName).toList(),
                    "a rendered job needs exactly one metadata artifact, got " + metadata.size());
        }
        return new UploadPlan(jobId, jobDir, List.copyOf(media), metadata.get(0));
    }

    public List<PlannedArtifact> all() {
        List<PlannedArtifact> all = new ArrayList<>(media);
        all.add(metadata);
        return all;
    }

    private static PlannedArtifact plan(String jobId, Path jobDir, RenderedArtifact artifact) {
        PutOptions options = PutOptions.of(artifact.kind().contentType())
                .withMetadata(PutOptions.JOB_ID, jobId)
                .withMetadata(PutOptions.CREATED_BY, PutOptions.CREATOR)
                .withSha256(artifact.sha256().toLowerCase(Locale.ROOT));
        if (artifact.clipNumber() != null) {
            options = options.withMetadata(PutOptions.CLIP_NUMBER, artifact.clipNumber().toString());
        }
        return new PlannedArtifact(artifact.file(), jobDir.resolve(artifact.file()),
                ObjectKeys.jobObject(jobId, artifact.file()), artifact.kind(), artifact.sizeBytes(),
                artifact.sha256().toLowerCase(Locale.ROOT), options);
    }

    private static boolean isPlainNameInside(Path jobDir, String name) {
        try {
            ObjectKeys.requirePlainFileName(name);
        } catch (IllegalArgumentException notPlain) {
            return false;
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return false;
        }
        try {
            Path resolved = jobDir.resolve(name).normalize();
            return resolved.getParent().equals(jobDir);
        } catch (RuntimeException invalidPath) {
            return false;
        }
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }
}
