package dev.clipflow.uploader.service;

import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.StorageException;
import dev.clipflow.uploader.config.UploadConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Deletes a job's uploaded source ({@code uploads/{job_id}/}) {@code SOURCE_RETENTION_HOURS} after the job ended:
 * the latest of its uploaded objects and its metadata object (written last when the job's clips are stored); a job
 * with no metadata yet has not ended. The clips stay. Every uploader sweeps; deleting twice is harmless. The bucket's lifecycle rule in
 * {@code deploy/s3/lifecycle.json} is the backstop for a bucket no uploader sweeps.
 */
@ApplicationScoped
public class SourceRetention {

    private static final Logger LOG = Logger.getLogger(SourceRetention.class);

    private final ArtifactStore store;
    private final StorageAccess access;
    private final Duration retention;

    public SourceRetention(ArtifactStore store, StorageAccess access, UploadConfig config) {
        this.store = store;
        this.access = access;
        this.retention = config.sourceRetention();
    }

    @Scheduled(every = "${clipflow.upload.source-sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!access.uploadsEnabled()) {
            return;
        }
        try {
            deleteExpired(Instant.now());
        } catch (StorageException e) {
            LOG.warnf("uploaded sources past their retention not deleted, storage failed (next sweep tries again): %s",
                    e.getMessage());
        }
    }

    /** Deletes the uploaded sources of the jobs that ended longer than the retention before {@code now}; their count. */
    public int deleteExpired(Instant now) {
        Map<String, Instant> uploadedAt = new HashMap<>();
        try (Stream<ObjectInfo> uploads = store.list(ObjectKeys.UPLOADS_PREFIX, null)) {
            uploads.forEach(object -> ObjectKeys.jobIdOf(object.key().substring(ObjectKeys.UPLOADS_PREFIX.length()))
                    .ifPresent(jobId -> uploadedAt.merge(jobId, object.lastModified(), SourceRetention::later)));
        }
        int deleted = 0;
        for (Map.Entry<String, Instant> job : uploadedAt.entrySet()) {
            // A job without metadata has not ended (it may still be queued behind a long backlog, or failed and
            // wait for a retry): its source stays until it is deleted, or the bucket's lifecycle rule takes it.
            Optional<Instant> ended = metadataWritten(job.getKey()).map(at -> later(at, job.getValue()));
            if (ended.isPresent() && ended.get().plus(retention).isBefore(now)) {
                store.deleteAll(ObjectKeys.uploadPrefix(job.getKey()));
                deleted++;
            }
        }
        return deleted;
    }

    private Optional<Instant> metadataWritten(String jobId) {
        try (Stream<ObjectInfo> metadata = store.list(ObjectKeys.jobPrefix(jobId), ObjectKeys.METADATA_SUFFIX)) {
            return metadata.map(ObjectInfo::lastModified).reduce(SourceRetention::later);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
