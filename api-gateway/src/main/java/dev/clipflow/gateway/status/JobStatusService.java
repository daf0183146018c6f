package dev.clipflow.gateway.status;

import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.gateway.status.JobState.Backup;
import dev.clipflow.gateway.status.JobState.Status;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Answers status questions from the view, or from the job's metadata object once the view forgot it. */
@ApplicationScoped
public class JobStatusService {

    private final JobStatusView view;
    private final ArtifactStore store;

    public JobStatusService(JobStatusView view, ArtifactStore store) {
        this.view = view;
        this.store = store;
    }

    /** The state of a job that was not deleted; 410 for a deleted one, else as {@link #known}. */
    public JobState require(String rawId) {
        JobState state = known(rawId);
        if (state.status() == Status.CANCELLED) {
            throw new ApiException(410, "job_deleted", "job " + state.jobId() + " was cancelled and deleted", "job_id");
        }
        return state;
    }

    /** The job's state, deleted or not; 422 for a malformed id, 404 when neither the view nor storage knows it. */
    public JobState known(String rawId) {
        String jobId = JobId.requireValid(rawId);
        return view.find(jobId).or(() -> fromStorage(jobId))
                .orElseThrow(() -> new ApiException(404, "job_not_found", "no job with id " + jobId, "job_id"));
    }

    Optional<JobState> fromStorage(String jobId) {
        Optional<ObjectInfo> metadataObject;
        try (Stream<ObjectInfo> found = store.list(ObjectKeys.jobPrefix(jobId), ObjectKeys.METADATA_SUFFIX)) {
            metadataObject = found.findFirst();
        }
        return metadataObject.map(info -> {
            JobMetadata metadata = ClipflowJson.decodeMetadata(store.getBytes(info.key()));
            List<RenderedClip> clips = IntStream.range(0, metadata.shorts().size()).mapToObj(metadata::renderedClip).toList();
            return new JobState(jobId, true, Status.COMPLETED, 100, "completed", null, null, metadata.title(),
                    info.key(), clips, Backup.STORED, null, metadata.createdAt(), false, metadata.captions());
        });
    }

    public JobStatusResponse toResponse(JobState s) {
        JobStatusResponse.Error error = s.status() == Status.FAILED
                ? new JobStatusResponse.Error(s.errorCode(), s.errorMessage()) : null;
        JobStatusResponse.Result result = null;
        if (s.status() == Status.COMPLETED && s.metadataKey() != null) {
            List<JobStatusResponse.StatusClip> clips = s.clips().stream().map(c -> clipOf(s.jobId(), c)).toList();
            result = new JobStatusResponse.Result(store.urlFor(s.metadataKey()), clips, s.captions());
        }
        List<JobStatusResponse.Recut> recuts = s.recuts().isEmpty() ? null : s.recuts().stream()
                .map(r -> new JobStatusResponse.Recut(r.recutId(), r.status(),
                        r.errorCode() == null ? null : new JobStatusResponse.Error(r.errorCode(), r.errorMessage()),
                        new JobStatusResponse.BackupStatus(r.backup())))
                .toList();
        return new JobStatusResponse(s.jobId(), s.status(), s.progress(), s.stage(), error, result,
                new JobStatusResponse.BackupStatus(s.backup()), recuts);
    }

    /** A clip as the status and the webhooks show it: its number, title, duration and where its files are. */
    public JobStatusResponse.StatusClip clipOf(String jobId, RenderedClip c) {
        return new JobStatusResponse.StatusClip(c.number(), c.title(), url(jobId, c.file()),
                c.thumbnail() == null ? null : url(jobId, c.thumbnail()), c.duration(),
                c.captions() == null ? null : url(jobId, c.captions()));
    }

    public String url(String jobId, String fileName) {
        return store.urlFor(ObjectKeys.jobObject(jobId, fileName));
    }
}
