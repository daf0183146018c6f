package dev.clipflow.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clipflow.gateway.status.JobStatusResponse;
import java.util.List;

/**
 * The body POSTed to a job's webhook when it ends ({@code job.completed}, {@code job.failed}) and when one of its recuts
 * does ({@code job.recut.completed}, {@code job.recut.failed}: {@code recutId} set, {@code clips} the recut's own).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookPayload(String event, String jobId, String status, List<JobStatusResponse.StatusClip> clips,
                             JobStatusResponse.Error error, String recutId) {

    public static final String COMPLETED = "job.completed";
    public static final String FAILED = "job.failed";
    public static final String RECUT_COMPLETED = "job.recut.completed";
    public static final String RECUT_FAILED = "job.recut.failed";
}
