package dev.clipflow.gateway.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRequested;
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

/**
 * Puts accepted jobs and recuts on {@code clip-jobs} and cancellations on {@code clip-events}, and waits until Kafka
 * acknowledged them (acks=all).
 */
@ApplicationScoped
public class JobPublisher {

    private final Emitter<ClipflowEvent> emitter;
    private final Emitter<ClipflowEvent> cancellations;

    public JobPublisher(@Channel("job-requests") Emitter<ClipflowEvent> emitter,
                        @Channel("job-cancellations") Emitter<ClipflowEvent> cancellations) {
        this.emitter = emitter;
        this.cancellations = cancellations;
    }

    /** Returns once the record is acknowledged; throws {@link PublishFailedException} otherwise. */
    public void publish(JobRequested job, Duration timeout) {
        send(emitter, job, timeout);
    }

    /** A recut, on {@code clip-jobs} like the job itself (same key: after its {@code JobRequested}); acknowledged like {@link #publish}. */
    public void publish(ClipsRequested recut, Duration timeout) {
        send(emitter, recut, timeout);
    }

    /**
     * On {@code clip-events}, where the uploader reads it in order with the job's {@code JobRendered} and every
     * worker and gateway replica reads it too; same acknowledgement as {@link #publish}.
     */
    public void cancel(JobCancelled cancelled, Duration timeout) {
        send(cancellations, cancelled, timeout);
    }

    private static void send(Emitter<ClipflowEvent> emitter, ClipflowEvent job, Duration timeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<ClipflowEvent> message = Message.<ClipflowEvent>of(job,
                        Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(job.jobId()).build()))
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
            throw new PublishFailedException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka refused the job: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge the job within " + timeout.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            throw new PublishFailedException("cannot hand the job to Kafka: " + e.getMessage(), e);
        }
    }

    public static class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
