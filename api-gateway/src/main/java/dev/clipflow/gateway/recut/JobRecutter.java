package dev.clipflow.gateway.recut;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobRequested.CaptionsRequest;
import dev.clipflow.contracts.events.JobRequested.JobSource;
import dev.clipflow.contracts.events.JobRequested.RequestedClip;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.json.InvalidJsonException;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.messaging.JobPublisher;
import dev.clipflow.gateway.status.JobState;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.status.JobStatusView;
import dev.clipflow.gateway.submit.CaptionsIntake;
import dev.clipflow.gateway.submit.JobSubmission;
import dev.clipflow.gateway.submit.JobValidator;
import dev.clipflow.gateway.submit.JobValidator.ValidRecut;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.NoSuchObjectException;
import dev.clipflow.store.ObjectInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Accepts a recut of a completed job ({@code POST /jobs/{id}/clips}): its options checked like a job's, the job's kept
 * source found, then a {@code ClipsRequested} on {@code clip-jobs}. The clip numbers are not chosen here: the worker
 * numbers the recut's clips from the job's own events (see docs/architecture.md).
 */
@ApplicationScoped
public class JobRecutter {

    private final JobStatusService status;
    private final JobStatusView view;
    private final JobValidator validator;
    private final CaptionsIntake captions;
    private final ArtifactStore store;
    private final JobPublisher publisher;

    public JobRecutter(JobStatusService status, JobStatusView view, JobValidator validator, CaptionsIntake captions,
            ArtifactStore store, JobPublisher publisher) {
        this.status = status;
        this.view = view;
        this.validator = validator;
        this.captions = captions;
        this.store = store;
        this.publisher = publisher;
    }

    public record Accepted(String jobId, String recutId) {
    }

    public Accepted recut(String rawId, JobSubmission options) {
        JobState job = status.require(rawId);
        if (job.status() != JobState.Status.COMPLETED || job.backup() != JobState.Backup.STORED) {
            throw new ApiException(409, "job_not_completed", "only a completed job whose clips are stored can be recut; this one is "
                    + (job.status() == JobState.Status.COMPLETED ? "completed, its clips " + job.backup().wireName()
                            : job.status().wireName()), "job_id");
        }
        ValidRecut valid = validator.validateRecut(options);
        refuseRangesPastTheSource(job, valid.clips());
        JobSource source = sourceOf(job);
        CaptionsRequest captionsRequest = captionsOf(job.jobId(), valid);
        String recutId = JobId.newId();
        ClipsRequested recut = new ClipsRequested(ClipflowEvent.CURRENT_VERSION, job.jobId(), Instant.now(), recutId, source,
                valid.clips(), valid.outputFormat(), valid.layout(), captionsRequest);
        publisher.publishOrRefuse(recut, "the recut was not queued");
        view.apply(recut); // the client may ask for the status before this replica read its own record back
        return new Accepted(job.jobId(), recutId);
    }

    /**
     * A range past the end of the source is refused here, from the source's duration in the job's stored metadata.
     * A job whose metadata does not record it (written before it was) is checked by its worker, which fails the recut
     * with the same code.
     */
    private void refuseRangesPastTheSource(JobState job, List<RequestedClip> clips) {
        Optional<Double> duration = sourceDuration(job);
        if (duration.isEmpty()) {
            return;
        }
        for (int i = 0; i < clips.size(); i++) {
            RequestedClip clip = clips.get(i);
            if (clip.endsAfter(duration.get())) {
                throw ApiException.invalid(FailureCode.RANGE_OUT_OF_BOUNDS, String.format(Locale.ROOT,
                        "clip %d (%.3f-%.3f s) ends after the end of the source (%.3f s)", i + 1, clip.start(),
                        clip.end(), duration.get()), "clips[" + i + "].end");
            }
        }
    }

    private Optional<Double> sourceDuration(JobState job) {
        if (job.metadataKey() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ClipflowJson.decodeMetadata(store.getBytes(job.metadataKey())).sourceDuration());
        } catch (NoSuchObjectException | InvalidJsonException unreadable) {
            return Optional.empty(); // the worker reads the source itself and checks the ranges there
        }
    }

    /** The uploaded source, kept SOURCE_RETENTION_HOURS after the job ended; a URL job fetches its URL again. */
    private JobSource sourceOf(JobState job) {
        Optional<ObjectInfo> uploaded;
        String prefix = ObjectKeys.uploadPrefix(job.jobId()) + "source.";
        try (Stream<ObjectInfo> found = store.list(ObjectKeys.uploadPrefix(job.jobId()), null)) {
            uploaded = found.filter(o -> o.key().startsWith(prefix)).findFirst();
        }
        if (uploaded.isPresent()) {
            String filename = job.request() != null && job.request().source().isUpload()
                    ? job.request().source().filename() : null;
            return JobSource.uploaded(uploaded.get().key(), filename, uploaded.get().size());
        }
        if (job.request() != null && !job.request().source().isUpload()) {
            return job.request().source();
        }
        throw new ApiException(410, "source_deleted", "the uploaded source of this job is no longer stored: it is kept "
                + "SOURCE_RETENTION_HOURS (the uploader's setting) after the job ends, then deleted; submit the video again",
                "job_id");
    }

    /** Captions given with the recut; else the job's own stored captions, which cover the whole source. */
    private CaptionsRequest captionsOf(String jobId, ValidRecut valid) {
        JobValidator.CaptionsChoice choice = valid.captions();
        if (choice.url() != null) {
            return CaptionsRequest.stored(captions.store(jobId, captions.fetch(choice.url())), choice.style());
        }
        if (choice.auto()) {
            return CaptionsRequest.transcribed(choice.style());
        }
        String stored = ObjectKeys.uploadedCaptions(jobId);
        return store.head(stored).isPresent() ? CaptionsRequest.stored(stored, choice.style()) : null;
    }
}
