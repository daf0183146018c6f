package dev.clipflow.clipworker.messaging;

import dev.clipflow.clipworker.job.ClipJobService;
import dev.clipflow.clipworker.media.WorkerStoppingException;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.JobRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes jobs and recuts from {@code clip-jobs} on the {@code clip-render} worker pool ({@code CLIP_WORKER_CONCURRENCY}
 * at a time). A record is acknowledged only once its outcome event is on Kafka; a record that fails
 * for a transient reason is nacked and goes to the dead-letter topic; a job cut short by shutdown is
 * neither, so its offset stays uncommitted and another worker takes it over.
 */
@ApplicationScoped
public class ClipJobConsumer {

    private static final Logger LOG = Logger.getLogger(ClipJobConsumer.class);

    private final ClipJobService service;

    public ClipJobConsumer(ClipJobService service) {
        this.service = service;
    }

    @Incoming("clip-jobs")
    @Blocking(value = "clip-render", ordered = false)
    public CompletionStage<Void> consume(Message<ClipflowEvent> message) {
        ClipflowEvent event = message.getPayload();
        if (event == null) {
            return message.nack(new IllegalArgumentException("the record is not a readable Clipflow event"));
        }
        if (!(event instanceof JobRequested) && !(event instanceof ClipsRequested)) {
            return message.ack();
        }
        try {
            if (event instanceof JobRequested job) {
                service.process(job);
            } else {
                service.process((ClipsRequested) event);
            }
            return message.ack();
        } catch (WorkerStoppingException stopping) {
            return new CompletableFuture<>();
        } catch (RuntimeException e) {
            LOG.errorf("Job %s could not be processed and goes to the dead-letter topic: %s", event.jobId(), e.toString());
            return message.nack(e);
        }
    }
}
