package dev.clipflow.gateway.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.status.JobState;
import dev.clipflow.gateway.status.JobStatusResponse;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.status.JobStatusView;
import dev.clipflow.gateway.webhook.WebhookPayload;
import dev.clipflow.gateway.webhook.WebhookSender;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Calls the job's webhook when it ends and when each of its recuts ends. The channel uses ONE consumer group shared
 * by all replicas, so each outcome is handled by exactly one of them.
 */
@ApplicationScoped
public class WebhookConsumer {

    private final JobStatusView view;
    private final JobStatusService status;
    private final WebhookSender sender;
    private final Duration viewWait;

    public WebhookConsumer(JobStatusView view, JobStatusService status, WebhookSender sender, GatewayConfig config) {
        this.view = view;
        this.status = status;
        this.sender = sender;
        this.viewWait = config.webhook().viewWait();
    }

    @Incoming("webhook-outcomes")
    @Blocking
    public void onOutcome(ConsumerRecord<String, ClipflowEvent> record) {
        ClipflowEvent event = record.value();
        if (!(event instanceof JobRendered) && !(event instanceof JobFailed)) {
            return;
        }
        Optional<JobState> job = requestOf(event.jobId());
        if (job.isEmpty() || job.get().webhook() == null) {
            return;
        }
        sender.send(job.get().webhook(), payload(event));
    }

    /** The webhook is in the job's request, which this replica's view may still be reading. */
    private Optional<JobState> requestOf(String jobId) {
        return view.whenRequested(jobId).map(Optional::of)
                .ifNoItem().after(viewWait).recoverWithItem(Optional.empty())
                .await().indefinitely();
    }

    /** A recut's names its recut and lists only the recut's clips (the job's own are in the job's completion). */
    private WebhookPayload payload(ClipflowEvent event) {
        if (event instanceof JobRendered rendered) {
            List<JobStatusResponse.StatusClip> clips = rendered.clips().stream()
                    .map(c -> status.clipOf(rendered.jobId(), c)).toList();
            return new WebhookPayload(rendered.isRecut() ? WebhookPayload.RECUT_COMPLETED : WebhookPayload.COMPLETED,
                    rendered.jobId(), "completed", clips, null, rendered.recutId());
        }
        JobFailed failed = (JobFailed) event;
        return new WebhookPayload(failed.isRecut() ? WebhookPayload.RECUT_FAILED : WebhookPayload.FAILED,
                failed.jobId(), "failed", List.of(), new JobStatusResponse.Error(failed.code(), failed.message()),
                failed.recutId());
    }
}
