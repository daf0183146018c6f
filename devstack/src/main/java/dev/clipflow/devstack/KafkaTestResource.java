package dev.clipflow.devstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.kafka.EventDeserializer;
import dev.clipflow.contracts.kafka.EventSerializer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Gives a Quarkus test the devstack Kafka broker: one broker per JVM, shared by every test class and every
 * test profile, started on first use and stopped when the JVM exits. The Clipflow topics exist with 12
 * partitions; any other topic (dead-letter topics, a test's own) is created on first use.
 *
 * <pre>{@code @QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)}</pre>
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaCompanion companion;

    /** The shared broker (started if needed), e.g. to stop and restart it in a test. */
    public static KafkaBroker broker() {
        return SharedServers.kafka();
    }

    /**
     * SmallRye's Kafka test client on the shared broker, for a test to publish and read records as another
     * service would; {@code ClipflowEvent} values go through the contracts' serializer and deserializer.
     */
    public static synchronized KafkaCompanion companion() {
        if (companion == null) {
            DevstackLogging.quietDependencies();
            companion = new KafkaCompanion(broker().bootstrapServers());
            companion.registerSerde(ClipflowEvent.class, new EventSerializer(), new EventDeserializer());
        }
        return companion;
    }

    /**
     * Every record of the topics from their beginning up to their end as it is now, in offset order per partition
     * (a topic that does not exist yet has none).
     */
    public static <V> List<ConsumerRecord<String, V>> recordsSoFar(Class<V> valueType, String... topics) {
        KafkaCompanion kafka = companion();
        Set<String> existing = kafka.topics().list();
        List<String> present = Arrays.stream(topics).filter(existing::contains).toList();
        if (present.isEmpty()) {
            return List.of(); // describing no topic at all would describe every one
        }
        List<TopicPartition> partitions = kafka.topics().describe(present).values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Long> begin = offsets(kafka, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(kafka, partitions, OffsetSpec.latest());
        long count = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
        if (count == 0) {
            return List.of();
        }
        return kafka.consume(valueType).fromOffsets(begin, count).awaitCompletion(Duration.ofSeconds(30)).getRecords();
    }

    private static Map<TopicPartition, Long> offsets(KafkaCompanion kafka, List<TopicPartition> partitions, OffsetSpec spec) {
        return kafka.offsets().list(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = broker();
        if (!broker.isRunning()) {
            // A previous test class stopped it to simulate an outage and did not bring it back.
            broker.restart();
        }
        String bootstrapServers = broker.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers, "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    }

    /** Leaves the shared broker running for the next test class; the JVM shutdown hook stops it. */
    @Override
    public void stop() {
    }
}
