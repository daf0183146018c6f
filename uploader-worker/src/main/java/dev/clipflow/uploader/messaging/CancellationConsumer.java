package dev.clipflow.uploader.messaging;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every uploader reads every cancellation on {@code clip-events} with a consumer group of its own (see
 * application.properties), beside the ordered consumer: an upload of the job in flight stops at once, not after
 * it ended. The ordered consumer still deletes the job when it reaches the cancellation ({@code RenderedJobConsumer}).
 */
@ApplicationScoped
public class CancellationConsumer {

    public static final String CHANNEL = "job-cancellations";

    private final CancelledJobs cancelled;

    public CancellationConsumer(CancelledJobs cancelled) {
        this.cancelled = cancelled;
    }

    @Incoming(CHANNEL)
    public void onEvent(ClipflowEvent event) {
        if (event instanceof JobCancelled cancellation) {
            cancelled.cancel(cancellation.jobId());
        }
    }
}
