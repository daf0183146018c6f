package dev.clipflow.gateway.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
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

/** Puts accepted jobs on {@code clip-jobs} and waits until Kafka acknowledged them (acks=all). */
@ApplicationScoped
public class JobPublisher {

    private final Emitter<ClipflowEvent> emitter;

    public JobPublisher(@Channel("job-requests") Emitter<ClipflowEvent> emitter) {
        this.emitter = emitter;
    }

    /** Returns once the record is acknowledged; throws {@link PublishFailedException} otherwise. */
    public void publish(JobRequested job, Duration timeout) {
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
