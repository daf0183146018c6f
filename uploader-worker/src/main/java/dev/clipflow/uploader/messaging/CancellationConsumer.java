package dev.clipflow.uploader.messaging;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.uploader.service.LateWriteSweeper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every uploader reads every cancellation on {@code clip-events} with a consumer group of its own (see
 * application.properties), beside the ordered consumer: an upload of the job in flight stops at once, not after
 * it ended. The ordered consumer still deletes the job when it reaches the cancellation ({@code RenderedJobConsumer}).
 * A start reads the last minute again ({@link CancellationsRewind}), for what an uploader killed in it left to sweep.
 */
@ApplicationScoped
public class CancellationConsumer {

    public static final String CHANNEL = "job-cancellations";

    private final CancelledJobs cancelled;
    private final LateWriteSweeper sweeper;

    public CancellationConsumer(CancelledJobs cancelled, LateWriteSweeper sweeper) {
        this.cancelled = cancelled;
        this.sweeper = sweeper;
    }

    @Incoming(CHANNEL)
    public void onEvent(ClipflowEvent event) {
        if (event instanceof JobCancelled cancellation) {
            cancelled.cancel(cancellation.jobId());
            sweeper.cancelled(cancellation.jobId(), cancellation.at());
        }
    }
}
