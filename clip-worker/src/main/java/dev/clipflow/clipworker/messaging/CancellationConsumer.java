package dev.clipflow.clipworker.messaging;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every worker reads every cancellation on {@code clip-events} with a consumer group of its own (see
 * application.properties), beside the job queue: a job being rendered is stopped at once, not after the
 * queue reaches the cancellation.
 */
@ApplicationScoped
public class CancellationConsumer {

    private final CancelledJobs cancelled;

    public CancellationConsumer(CancelledJobs cancelled) {
        this.cancelled = cancelled;
    }

    @Incoming("job-cancellations")
    public void onEvent(ClipflowEvent event) {
        if (event instanceof JobCancelled cancellation) {
            cancelled.cancel(cancellation.jobId());
        }
    }
}
