package dev.clipflow.gallery.index;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a metadata document into an {@link IndexedJob}. The job's folder (first key segment) names the job
 * and holds its clips; file names in the document are plain names inside that folder, never paths.
 * Anything unusable throws {@link UnreadableMetadataException} with the reason.
 */
final class MetadataReader {

    private static final String UNTITLED = "Untitled Clip";

    static IndexedJob read(String key, ObjectVersion version, byte[] json, long generation) {
        JobMetadata metadata;
        try {
            metadata = ClipflowJson.decodeMetadata(json);
        } catch (RuntimeException e) {
            throw new UnreadableMetadataException(e.getMessage(), e);
        }
        int slash = key.lastIndexOf('/');
        String folder = key.substring(0, slash + 1);
        String jobId = ObjectKeys.jobIdOf(key)
                .or(() -> JobId.isValid(metadata.jobId()) ? java.util.Optional.of(JobId.requireValid(metadata.jobId()))
                        : java.util.Optional.empty())
                .orElseThrow(() -> new UnreadableMetadataException("no job id: neither the folder nor job_id is a UUID", null));
        String baseName = key.substring(slash + 1, key.length() - ObjectKeys.METADATA_SUFFIX.length());
        Instant createdAt = metadata.createdAt() != null ? metadata.createdAt() : version.lastModified();

        List<IndexedClip> clips = new ArrayList<>(metadata.shorts().size());
        for (JobMetadata.MetadataClip clip : metadata.shorts()) {
            int position = clips.size() + 1;
            String file = clip.file() != null ? plain(clip.file()) : baseName + "_clip_" + position + ".mp4";
            int number = metadata.clipNumber(position - 1);
            String thumbnail = clip.thumbnail() != null ? plain(clip.thumbnail()) : null;
            String title = firstNonBlank(clip.videoTitleForYoutubeShort(), metadata.title(), UNTITLED);
            double duration = clip.duration() > 0 ? clip.duration() : Math.max(0, clip.end() - clip.start());
            clips.add(new IndexedClip(number, file, thumbnail, title, emptyIfNull(clip.videoDescriptionForTiktok()),
                    emptyIfNull(clip.videoDescriptionForInstagram()), duration,
                    clip.captionsFile() != null ? plain(clip.captionsFile()) : null));
        }
        return new IndexedJob(jobId, folder, key, version, metadata.title(), createdAt, clips, generation);
    }

    private static String plain(String fileName) {
        try {
            return ObjectKeys.requirePlainFileName(fileName);
        } catch (IllegalArgumentException e) {
            throw new UnreadableMetadataException(e.getMessage(), e);
        }
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }

    private MetadataReader() {
    }

    static final class UnreadableMetadataException extends RuntimeException {
        UnreadableMetadataException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
