package dev.clipflow.gateway.cancel;

import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.messaging.JobPublisher;
import dev.clipflow.gateway.messaging.JobPublisher.PublishFailedException;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.status.JobState;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.status.JobStatusView;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * {@code DELETE /jobs/{id}}: puts a {@code JobCancelled} on Kafka, where every worker, uploader and gateway
 * replica reads it (the worker stops the job, the uploader deletes what is stored of it). Deleting a deleted
 * job sends the cancellation again, so a deletion cut short by an outage is finished by asking once more.
 */
@ApplicationScoped
public class JobCanceller {

    private static final Logger LOG = Logger.getLogger(JobCanceller.class);
    private static final int RETRY_AFTER_SECONDS = 10;

    private final JobStatusService status;
    private final JobStatusView view;
    private final JobPublisher publisher;
    private final GatewayConfig config;

    public JobCanceller(JobStatusService status, JobStatusView view, JobPublisher publisher, GatewayConfig config) {
        this.status = status;
        this.view = view;
        this.publisher = publisher;
        this.config = config;
    }

    /** Returns the cancelled job's id once the cancellation is on Kafka; 422/404 as a status request, 503 without Kafka. */
    public String cancel(String rawId) {
        JobState known = status.known(rawId);
        JobCancelled cancelled = JobCancelled.now(known.jobId(), JobCancelled.BY_API);
        try {
            publisher.cancel(cancelled, config.publishTimeout());
        } catch (PublishFailedException e) {
            LOG.warnf("job %s not cancelled, Kafka is unavailable: %s", known.jobId(), e.getMessage());
            throw ApiException.unavailable("queue_unavailable",
                    "the job queue is unavailable, the job was not cancelled; try again later", RETRY_AFTER_SECONDS);
        }
        // This replica answers as cancelled at once, before it read its own record back from clip-events.
        view.apply(cancelled);
        return known.jobId();
    }
}
