package dev.clipflow.uploader.service;

import dev.clipflow.contracts.events.ClipflowEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Emits the upload outcome of a job on {@code upload-events} (acks=all) and waits for the broker. It belongs to the
 * service that decides the outcome, so {@code messaging/} only reads records and calls in here, never the reverse.
 */
@ApplicationScoped
public class UploadEventsPublisher {

    public static final String CHANNEL = "upload-events";

    private final MutinyEmitter<ClipflowEvent> emitter;

    public UploadEventsPublisher(@Channel(CHANNEL) MutinyEmitter<ClipflowEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(ClipflowEvent event) {
        emitter.sendMessageAndAwait(Message.of(event).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build()));
    }
}
