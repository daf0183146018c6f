package dev.clipflow.gateway.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.error.ApiException;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Puts what a client asked for on Kafka and waits until Kafka acknowledged it (acks=all): jobs and recuts on
 * {@code clip-jobs} (key = job id, so a recut comes after its {@code JobRequested}), cancellations on
 * {@code clip-events}, where the uploader reads them in order with the job's {@code JobRendered} and every worker and
 * gateway replica reads them too.
 */
@ApplicationScoped
public class JobPublisher {

    private static final Logger LOG = Logger.getLogger(JobPublisher.class);
    private static final int RETRY_AFTER_SECONDS = 10;

    private final Emitter<ClipflowEvent> requests;
    private final Emitter<ClipflowEvent> cancellations;
    private final Duration timeout;

    public JobPublisher(@Channel("job-requests") Emitter<ClipflowEvent> requests,
                        @Channel("job-cancellations") Emitter<ClipflowEvent> cancellations, GatewayConfig config) {
        this.requests = requests;
        this.cancellations = cancellations;
        this.timeout = config.publishTimeout();
    }

    /**
     * Returns once Kafka acknowledged {@code event}. Otherwise logs one WARN line and refuses the client's request
     * with 503 {@code queue_unavailable} and {@code Retry-After}; {@code refusal} tells the client what was not done
     * (e.g. "the job was not cancelled").
     */
    public void publishOrRefuse(ClipflowEvent event, String refusal) {
        try {
            send(event instanceof JobCancelled ? cancellations : requests, event);
        } catch (PublishFailed e) {
            LOG.warnf("%s of job %s refused with 503, Kafka is unavailable: %s", event.type(), event.jobId(),
                    e.getMessage());
            throw ApiException.unavailable("queue_unavailable",
                    "the job queue is unavailable, " + refusal + "; try again later", RETRY_AFTER_SECONDS);
        }
    }

    private void send(Emitter<ClipflowEvent> emitter, ClipflowEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<ClipflowEvent> message = Message.<ClipflowEvent>of(event,
                        Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build()))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    acked.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
            acked.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishFailed("Kafka refused the record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailed("Kafka did not acknowledge the record within " + timeout.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            throw new PublishFailed("cannot hand the record to Kafka: " + e.getMessage(), e);
        }
    }

    private static final class PublishFailed extends RuntimeException {
        PublishFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
