package dev.clipflow.gallery.index;

import java.time.Instant;
import java.util.List;

/**
 * One job in the index, read from its {@code {job_id}/{title}_metadata.json} object.
 * {@code generation} orders changes so a refresh never drops a job an event added while it ran.
 */
public record IndexedJob(String jobId, String folder, String metadataKey, ObjectVersion version, String title,
                         Instant createdAt, List<IndexedClip> clips, long generation) {

    public IndexedJob {
        clips = List.copyOf(clips);
    }

    public IndexedJob withGeneration(long newGeneration) {
        return new IndexedJob(jobId, folder, metadataKey, version, title, createdAt, clips, newGeneration);
    }

    public String keyOf(String fileName) {
        return folder + fileName;
    }
}
