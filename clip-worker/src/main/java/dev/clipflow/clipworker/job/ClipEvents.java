package dev.clipflow.clipworker.job;

import dev.clipflow.contracts.events.ClipflowEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Events on {@code clip-events}, keyed by job id so one job's events stay in order on one partition. */
@ApplicationScoped
public class ClipEvents {

    private final MutinyEmitter<ClipflowEvent> emitter;

    public ClipEvents(@Channel("clip-events") MutinyEmitter<ClipflowEvent> emitter) {
        this.emitter = emitter;
    }

    /** Returns once Kafka acknowledged the event (acks=all); throws if it could not be written. */
    public void sendAndAwait(ClipflowEvent event) {
        emitter.sendMessageAndAwait(KafkaRecord.of(event.jobId(), event));
    }

    /** For progress: ordered with the others, but nobody waits for it. */
    public void sendQuietly(ClipflowEvent event) {
        emitter.sendMessageAndForget(KafkaRecord.of(event.jobId(), event));
    }
}
