package dev.clipflow.uploader.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.json.InvalidJsonException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the whole dead-letter topic of {@code clip-events} from the beginning (no consumer group, no
 * commits: the topic stays as it is) and returns the last record parked for each job: a {@code JobRendered} whose
 * upload, or a {@code JobCancelled} whose deletion, was given up.
 */
@ApplicationScoped
public class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_AT_MOST = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaConfig;

    public DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    /** Job id to its last parked {@code JobRendered} or {@code JobCancelled}, in the order first parked. */
    public Map<String, ClipflowEvent> parkedJobs() {
        Map<String, ClipflowEvent> jobs = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DeadLetters.TOPIC, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return jobs;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_AT_MOST.toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    ClipflowEvent event = decode(record.value());
                    if (event instanceof JobRendered || event instanceof JobCancelled) {
                        jobs.put(event.jobId(), event);
                    }
                }
            }
        }
        return jobs;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static ClipflowEvent decode(byte[] value) {
        try {
            return value == null ? null : ClipflowJson.decodeEvent(value);
        } catch (InvalidJsonException notAnEvent) {
            return null;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (!name.startsWith("key.") && !name.startsWith("value.") && !name.equals("group.id")) {
                config.put(name, value);
            }
        });
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "uploader-dead-letter-replay");
        return config;
    }
}
