package dev.clipflow.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.clipflow.gateway.status.JobStatusResponse;
import java.util.List;

/** The body POSTed to a job's webhook when it ends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookPayload(String event, String jobId, String status, List<JobStatusResponse.Clip> clips,
                             JobStatusResponse.Error error) {
}
