package dev.clipflow.uploader.rest;

import dev.clipflow.contracts.JobId;
import dev.clipflow.contracts.http.ApiError;
import dev.clipflow.uploader.messaging.DeadLetterReader;
import dev.clipflow.uploader.messaging.DeadLetterReader.ParkedJob;
import dev.clipflow.uploader.service.JobDeleter;
import dev.clipflow.uploader.service.JobOutcome;
import dev.clipflow.uploader.service.RenderedJobProcessor;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Replays uploads and deletions that were given up: takes what the dead-letter topic holds of the job and runs its
 * upload again, every parked rendering of it together (objects already stored are not sent twice), or, for a parked
 * {@code JobCancelled}, its deletion (what is already gone is not missed). The outcome goes to {@code upload-events} as for any job. An operator endpoint: expose
 * it inside the cluster only.
 */
@Path("/admin/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    private final DeadLetterReader deadLetters;
    private final RenderedJobProcessor processor;
    private final JobDeleter deleter;

    public ReplayResource(DeadLetterReader deadLetters, RenderedJobProcessor processor, JobDeleter deleter) {
        this.deadLetters = deadLetters;
        this.processor = processor;
        this.deleter = deleter;
    }

    @POST
    @Path("/{job_id}")
    @Operation(summary = "Upload (or delete, when cancelled) again the job parked in the dead-letter topic")
    public Response replayJob(@PathParam("job_id") String jobId) {
        if (!JobId.isValid(jobId)) {
            return Response.status(422).entity(ApiError.of("invalid_job_id", "a job id is a UUID", "job_id")).build();
        }
        ParkedJob parked = deadLetters.parkedJobs().get(JobId.requireValid(jobId));
        if (parked == null) {
            return Response.status(404).entity(ApiError.of("not_parked",
                    "no upload or deletion of job " + jobId + " is in the dead-letter topic", "job_id")).build();
        }
        ReplayResult result = replay(parked);
        return Response.status(result.outcome().equals("failed") ? 503 : 200).entity(result).build();
    }

    @POST
    @Operation(summary = "Upload (or delete, when cancelled) again every job parked in the dead-letter topic")
    public List<ReplayResult> replayAll() {
        return deadLetters.parkedJobs().values().stream().map(this::replay).toList();
    }

    /** What the dead-letter topic holds is unknown, so nothing is replayed. */
    @ServerExceptionMapper
    Response deadLettersUnread(DeadLetterReader.UnreadException e) {
        return Response.status(503).header("Retry-After", "10")
                .entity(ApiError.of("kafka_unavailable", e.getMessage(), null)).build();
    }

    /** A parked upload of a job cancelled since stores nothing: its upload ends cancelled (see JobUploader). */
    private ReplayResult replay(ParkedJob parked) {
        if (parked.cancellation() != null) {
            return ReplayResult.of(deleter.delete(parked.cancellation()));
        }
        return ReplayResult.of(processor.process(parked.renderings()));
    }

    public record ReplayResult(String jobId, String outcome, List<String> failedFiles, String reason) {
        static ReplayResult of(JobDeleter.Deletion deletion) {
            return deletion.deleted()
                    ? new ReplayResult(deletion.jobId(), "deleted", List.of(), null)
                    : new ReplayResult(deletion.jobId(), "failed", List.of(), deletion.failure());
        }

        static ReplayResult of(JobOutcome outcome) {
            if (outcome instanceof JobOutcome.Failed f) {
                return new ReplayResult(f.jobId(), f.name(), f.failedFiles(), f.reason());
            }
            if (outcome instanceof JobOutcome.Skipped s) {
                return new ReplayResult(s.jobId(), s.name(), List.of(), s.reason());
            }
            return new ReplayResult(outcome.jobId(), outcome.name(), List.of(), null);
        }
    }
}
