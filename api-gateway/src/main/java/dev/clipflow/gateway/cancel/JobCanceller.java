package dev.clipflow.gateway.cancel;

import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.gateway.messaging.JobPublisher;
import dev.clipflow.gateway.status.JobState;
import dev.clipflow.gateway.status.JobStatusService;
import dev.clipflow.gateway.status.JobStatusView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code DELETE /jobs/{id}}: puts a {@code JobCancelled} on Kafka, where every worker, uploader and gateway
 * replica reads it (the worker stops the job, the uploader deletes what is stored of it). Deleting a deleted
 * job sends the cancellation again, so a deletion cut short by an outage is finished by asking once more.
 */
@ApplicationScoped
public class JobCanceller {

    private final JobStatusService status;
    private final JobStatusView view;
    private final JobPublisher publisher;

    public JobCanceller(JobStatusService status, JobStatusView view, JobPublisher publisher) {
        this.status = status;
        this.view = view;
        this.publisher = publisher;
    }

    /** Returns the cancelled job's id once the cancellation is on Kafka; 422/404 as a status request, 503 without Kafka. */
    public String cancel(String rawId) {
        JobState known = status.known(rawId);
        JobCancelled cancelled = JobCancelled.now(known.jobId(), JobCancelled.BY_API);
        publisher.publishOrRefuse(cancelled, "the job was not cancelled");
        // This replica answers as cancelled at once, before it read its own record back from clip-events.
        view.apply(cancelled);
        return known.jobId();
    }
}
