package dev.clipflow.faults;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.kafka.EventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the workers wrote on {@code clip-events}, read as any consumer would (here, when each job was started), and how
 * far a service's group has read it.
 */
final class ClipEventsOnKafka {

    // Kafka clients describe every consumer at INFO: the test's output keeps its figures and failures.
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOG.setLevel(Level.WARNING);
    }

    record Start(String worker, Instant at) {
    }

    static List<Start> startsOf(String bootstrapServers, String jobId) {
        try (KafkaConsumer<String, ClipflowEvent> consumer = consumer(bootstrapServers, Map.of())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Start> starts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (jobId.equals(record.key()) && record.value() instanceof JobStarted started) {
                        starts.add(new Start(started.worker(), Instant.ofEpochMilli(record.timestamp())));
                    }
                });
            }
            return starts;
        }
    }

    /** Whether {@code group} committed every record so far: a member that starts now reads none of them again. */
    static boolean committedToTheEnd(String bootstrapServers, String group) {
        try (KafkaConsumer<String, ClipflowEvent> consumer = consumer(bootstrapServers, Map.of(ConsumerConfig.GROUP_ID_CONFIG, group))) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions); // assigned, not subscribed: the group's members are left alone
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            return partitions.stream().allMatch(p -> end.get(p) == 0
                    || committed.get(p) != null && committed.get(p).offset() >= end.get(p));
        }
    }

    private static KafkaConsumer<String, ClipflowEvent> consumer(String bootstrapServers, Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(more);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new EventDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        return consumer.partitionsFor(Topics.CLIP_EVENTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private ClipEventsOnKafka() {
    }
}
