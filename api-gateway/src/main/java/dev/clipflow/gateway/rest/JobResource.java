package dev.clipflow.gateway.rest;

import dev.clipflow.gateway.cancel.JobCanceller;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.recut.JobRecutter;
import dev.clipflow.gateway.status.JobListing;
import dev.clipflow.gateway.status.JobState;
import dev.clipflow.gateway.status.JobStatusResponse;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.status.JobStatusView;
import dev.clipflow.gateway.submit.GatewayMetrics;
import dev.clipflow.gateway.submit.SubmissionParser;
import dev.clipflow.gateway.submit.JobSubmitter;
import dev.clipflow.gateway.submit.JobSubmitter.Accepted;
import dev.clipflow.gateway.submit.JobSubmission;
import dev.clipflow.gateway.submit.UploadRequest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/jobs")
@Tag(name = "jobs")
public class JobResource {

    private final JobSubmitter submitter;
    private final JobStatusService status;
    private final JobStatusView view;
    private final GatewayMetrics metrics;
    private final SubmissionParser parser;
    private final GatewayConfig config;
    private final JobListing listing;
    private final JobCanceller canceller;
    private final JobRecutter recutter;

    public JobResource(JobSubmitter submitter, JobStatusService status, JobStatusView view, GatewayMetrics metrics,
                       SubmissionParser parser, GatewayConfig config, JobListing listing, JobCanceller canceller,
                       JobRecutter recutter) {
        this.recutter = recutter;
        this.canceller = canceller;
        this.listing = listing;
        this.parser = parser;
        this.config = config;
        this.submitter = submitter;
        this.metrics = metrics;
        this.status = status;
        this.view = view;
    }

    /** The answer to a submission or a deletion: the job and the status it now has. */
    public record Queued(String jobId, String status) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a video upload",
            description = "Multipart form: 'file' plus the job options as fields; 'clips' is a JSON array in one field. "
                    + "The file is streamed to storage; 202 only after the job is on Kafka.")
    public Response submitUpload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                                 @Context HttpServerRequest request) {
        try (RequestBodyStream body = RequestBodyStream.of(request, config.uploadIdleTimeout())) {
            return queued(submitter.submitUpload(
                    new UploadRequest(contentType, contentLength == null ? -1 : contentLength, body)));
        } catch (ApiException e) {
            metrics.rejected(e.code());
            throw e;
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a video by URL", description = "JSON with 'source_url' (http/https) and the job options.")
    @RequestBody(content = @Content(schema = @Schema(implementation = JobSubmission.class)))
    public Response submitUrl(byte[] body) {
        try {
            return queued(submitter.submitUrl(parser.parse(body)));
        } catch (ApiException e) {
            metrics.rejected(e.code());
            throw e;
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Jobs, newest first",
            description = "Every job the status view knows, filtered by 'status' (queued, processing, completed, failed; cancelled ones only when asked for), "
                    + "'limit' per page (1-100, default 20); 'next_cursor' of a page is the 'cursor' of the next one.")
    public JobListing.Page list(@QueryParam("status") String statusFilter, @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor) {
        return listing.page(statusFilter, limit, cursor);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Status, progress and result of a job")
    public JobStatusResponse status(@PathParam("id") String id) {
        return status.toResponse(status.require(id));
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a job and delete everything stored for it",
            description = "A queued job is never rendered, a rendering one is stopped; its clips, posters, captions, "
                    + "metadata and uploaded source are deleted and it leaves the gallery. 202 once the cancellation "
                    + "is on Kafka; the job's status then answers 410. Asking again is harmless.")
    public Response delete(@PathParam("id") String id) {
        return Response.accepted(new Queued(canceller.cancel(id), JobState.Status.CANCELLED.wireName())).build();
    }

    /** The answer to a retry: the new job, queued, and the failed one it repeats. */
    public record Retried(String jobId, String status, String retryOf) {
    }

    @POST
    @Path("/{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Try a failed job again",
            description = "Only for a job that failed for a reason that may pass (its worker marked it retryable, e.g. "
                    + "storage or the source URL was unreachable); 409 otherwise. The same request becomes a new job, "
                    + "with a copy of the uploaded source; the failed job stays as it was.")
    public Response retry(@PathParam("id") String id) {
        JobState failed = status.require(id);
        if (!failed.canRetry()) {
            String why = failed.status() == JobState.Status.FAILED
                    ? "the job failed with '" + failed.errorCode() + "', which trying again would not change"
                    : "only a failed job can be retried; this one is " + failed.status().wireName();
            throw new ApiException(409, "not_retryable", why, "job_id");
        }
        Accepted again = submitter.resubmit(failed.request());
        return Response.accepted(new Retried(again.jobId(), "queued", failed.jobId()))
                .location(URI.create("/jobs/" + again.jobId())).build();
    }

    @POST
    @Path("/{id}/clips")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recut: more clips from a completed job's kept source",
            description = "JSON with 'clips' (ranges, as for POST /jobs) and optionally 'output_format' (default: the "
                    + "job's), 'layout', 'captions'/'captions_url'/'caption_style'. The new clips are numbered after the "
                    + "job's and added to its metadata, status and gallery. 409 unless the job is completed and stored; "
                    + "410 source_deleted once its uploaded source is gone (kept SOURCE_RETENTION_HOURS after the job "
                    + "ended). A range past the end of the source is a 422 range_out_of_bounds naming the range; for a job "
                    + "whose metadata does not record its source's duration (rendered before it was), the recut fails "
                    + "with that code instead (its entry in the status' 'recuts'); the job keeps its clips.")
    @RequestBody(content = @Content(schema = @Schema(implementation = JobSubmission.class)))
    public Response recut(@PathParam("id") String id, byte[] body) {
        JobRecutter.Accepted accepted = recutter.recut(id, parser.parse(body));
        return Response.accepted(accepted).location(URI.create("/jobs/" + accepted.jobId())).build();
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events of the job's status, closing after its final state")
    public Multi<JobStatusResponse> events(@PathParam("id") String id) {
        JobState known = status.require(id);
        return view.follow(known.jobId(), known).map(status::toResponse);
    }

    private static Response queued(Accepted accepted) {
        return Response.accepted(new Queued(accepted.jobId(), "queued"))
                .location(URI.create("/jobs/" + accepted.jobId())).build();
    }
}
