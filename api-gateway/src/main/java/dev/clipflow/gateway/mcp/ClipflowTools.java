package dev.clipflow.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.contracts.JobId;
import dev.clipflow.gateway.cancel.JobCanceller;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.status.JobListing;
import dev.clipflow.gateway.status.JobStatusResponse;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.submit.SubmittedClip;
import dev.clipflow.gateway.submit.JobSubmission;
import dev.clipflow.gateway.submit.JobSubmitter;
import dev.clipflow.store.StorageUnavailableException;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The MCP tools at {@code /mcp} (Streamable HTTP, by the Quarkiverse MCP server extension): what an agent needs to
 * make clips. Each tool is the REST call of the same name underneath, with the same validation and the same JSON
 * answers; a refused call is a tool error carrying the REST error's code and message.
 */
@Singleton
public class ClipflowTools {

    private final JobSubmitter submitter;
    private final JobStatusService status;
    private final JobListing listing;
    private final JobCanceller canceller;
    private final ObjectMapper json;

    public ClipflowTools(JobSubmitter submitter, JobStatusService status, JobListing listing, JobCanceller canceller,
                         ObjectMapper json) {
        this.submitter = submitter;
        this.status = status;
        this.listing = listing;
        this.canceller = canceller;
        this.json = json;
    }

    @Tool(name = "submit_video", description = "Cut a video at an http(s) URL into short clips. Give exact 'clips' "
            + "ranges in seconds, or let Clipflow choose 'target_clips' moments. Answers the job_id to follow with job_status.")
    public String submitVideo(
            @ToolArg(name = "source_url", description = "http(s) URL of the video file") String sourceUrl,
            @ToolArg(name = "title", description = "title of the job (200 characters at most)", required = false) String title,
            @ToolArg(name = "clips", description = "exact ranges: [{start, end, title?}] in seconds", required = false)
            List<SubmittedClip> clips,
            @ToolArg(name = "target_clips", description = "how many clips to choose automatically (1-15)", required = false)
            Integer targetClips,
            @ToolArg(name = "output_format", description = "vertical (default), square, horizontal or original",
                    required = false) String outputFormat,
            @ToolArg(name = "layout", description = "how the picture fills the frame: the layouts of POST /jobs",
                    required = false) String layout) {
        JobSubmission submission = new JobSubmission(sourceUrl, title, clips, targetClips, null, null, outputFormat,
                layout, null, null);
        return answer(() -> Map.of("job_id", submitter.submitUrl(submission).jobId(), "status", "queued"));
    }

    @Tool(name = "job_status", description = "Status, progress (0-100) and, once completed, the clips of a job.")
    public String jobStatus(@ToolArg(name = "job_id", description = "the job's id") String jobId) {
        return answer(() -> status.toResponse(status.require(jobId)));
    }

    @Tool(name = "list_clips", description = "The clips of a completed job: title, duration and a URL to download each.")
    public String listClips(@ToolArg(name = "job_id", description = "the job's id") String jobId) {
        return answer(() -> {
            JobStatusResponse response = status.toResponse(status.require(jobId));
            return Map.of("job_id", response.jobId(), "status", response.status(),
                    "clips", response.result() == null ? List.of() : response.result().clips());
        });
    }

    @Tool(name = "list_jobs", description = "Jobs, newest first; optionally only those with a status "
            + "(queued, processing, completed, failed).")
    public String listJobs(
            @ToolArg(name = "status", description = "queued, processing, completed, failed or cancelled", required = false)
            String statusFilter,
            @ToolArg(name = "limit", description = "jobs per page, 1-100 (20)", required = false) Integer limit,
            @ToolArg(name = "cursor", description = "next_cursor of the previous page", required = false) String cursor) {
        return answer(() -> listing.page(statusFilter, limit == null ? null : limit.toString(), cursor));
    }

    @Tool(name = "delete_job", description = "Cancel a job (a running render stops) and delete everything stored for it.")
    public String deleteJob(@ToolArg(name = "job_id", description = "the job's id") String jobId) {
        return answer(() -> Map.of("job_id", canceller.cancel(jobId), "status", "cancelled"));
    }

    /** The result as the REST API's JSON; a refusal as a tool error naming the code, as the REST error body does. */
    private String answer(Supplier<Object> call) {
        try {
            return json.writeValueAsString(call.get());
        } catch (ApiException e) {
            throw new ToolCallException(e.code() + ": " + e.getMessage());
        } catch (JobId.InvalidJobIdException e) {
            throw new ToolCallException("invalid_job_id: " + e.getMessage());
        } catch (StorageUnavailableException e) {
            throw new ToolCallException("storage_unavailable: storage is unavailable, try again later");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer", e);
        }
    }
}
