package dev.clipflow.gateway;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.devstack.KafkaTestResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the other services would publish on the shared broker, and what they would read (SmallRye's KafkaCompanion). */
public final class TopicClient {

    public static void publish(String topic, ClipflowEvent event) {
        KafkaTestResource.companion().produce(ClipflowEvent.class)
                .fromRecords(KafkaCompanion.record(topic, event.jobId(), event))
                .awaitCompletion(Duration.ofSeconds(20));
    }

    /** Every record of the topics from the beginning, up to the end as it is now. */
    public static List<ConsumerRecord<String, ClipflowEvent>> readAll(String... topics) {
        return KafkaTestResource.recordsSoFar(ClipflowEvent.class, topics);
    }

    public static Optional<ClipflowEvent> find(String topic, String jobId, Class<? extends ClipflowEvent> type) {
        return readAll(topic).stream().filter(r -> jobId.equals(r.key())).map(ConsumerRecord::value)
                .filter(type::isInstance).findFirst();
    }

    private TopicClient() {
    }
}
