package dev.clipflow.faults;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.kafka.EventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the workers wrote on {@code clip-events}, read as any consumer would: here, when each job was started. */
final class ClipEventsOnKafka {

    // Kafka clients describe every consumer at INFO: the test's output keeps its figures and failures.
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOG.setLevel(Level.WARNING);
    }

    record Start(String worker, Instant at) {
    }

    static List<Start> startsOf(String bootstrapServers, String jobId) {
        try (KafkaConsumer<String, ClipflowEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new EventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLIP_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
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

    private ClipEventsOnKafka() {
    }
}
