package dev.clipflow.uploader.messaging;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Parks a record whose upload was given up in the channel's dead-letter topic, with the same headers
 * SmallRye's dead-letter strategy writes, and waits for the broker. Sending it here (instead of
 * nacking) keeps the consumer running and the log to the one WARN line of the failure.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "clip-events-dead-letter";
    public static final String TOPIC = Topics.deadLetterTopic(RenderedJobConsumer.CHANNEL);

    private final MutinyEmitter<ClipflowEvent> emitter;

    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<ClipflowEvent> emitter) {
        this.emitter = emitter;
    }

    public void park(ConsumerRecord<String, ClipflowEvent> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", utf8(reason));
        headers.add("dead-letter-topic", utf8(record.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(TOPIC)
                        .withKey(record.key())
                        .withHeaders(headers)
                        .build()));
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
