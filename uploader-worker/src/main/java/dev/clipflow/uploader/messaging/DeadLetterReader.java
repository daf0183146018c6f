package dev.clipflow.uploader.messaging;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.json.InvalidJsonException;
import dev.clipflow.contracts.kafka.RangeReader;
import dev.clipflow.uploader.config.UploadConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the whole dead-letter topic of {@code clip-events} from the beginning (no consumer group, no
 * commits: the topic stays as it is) and returns what is parked of each job: the {@code JobRendered}s whose uploads
 * were given up (the job's own and each recut's: a long outage can park several), or a {@code JobCancelled} whose
 * deletion was.
 */
@ApplicationScoped
public class DeadLetterReader {

    private final Map<String, Object> kafkaConfig;
    private final Duration readAtMost;

    public DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, UploadConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.readAtMost = config.replayReadTimeout();
    }

    /**
     * What is parked of a job: its renderings (its own and each recut's, the last parked copy of each, in the order
     * first parked), or its cancellation, which makes them moot.
     */
    public record ParkedJob(String jobId, List<JobRendered> renderings, JobCancelled cancellation) {
    }

    /** Kafka did not give the whole topic in time: what it holds is unknown. */
    public static final class UnreadException extends RuntimeException {
        UnreadException(TimeoutException cause) {
            super("the dead-letter topic could not be read: " + cause.getMessage(), cause);
        }
    }

    /**
     * Job id to what is parked of it, in the order first parked.
     *
     * @throws UnreadException when Kafka does not give the whole topic within the configured time, its partition list
     *         and first offsets included
     */
    public Map<String, ParkedJob> parkedJobs() {
        Map<String, Map<String, JobRendered>> renderings = new LinkedHashMap<>();
        Map<String, JobCancelled> cancellations = new HashMap<>();
        RangeReader range = RangeReader.within(readAtMost);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DeadLetters.TOPIC, range.left())
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, Long> from = consumer.beginningOffsets(partitions, range.left());
            range.read(consumer, from, record -> {
                ClipflowEvent event = decode(record.value());
                if (event instanceof JobRendered rendered) {
                    // one copy per rendering, the job's own under "": a record parked again replaces its copy
                    renderings.computeIfAbsent(rendered.jobId(), id -> new LinkedHashMap<>())
                            .put(rendered.isRecut() ? rendered.recutId() : "", rendered);
                } else if (event instanceof JobCancelled cancelled) {
                    renderings.computeIfAbsent(cancelled.jobId(), id -> new LinkedHashMap<>());
                    cancellations.put(cancelled.jobId(), cancelled);
                }
            });
        } catch (TimeoutException e) {
            throw new UnreadException(e);
        }
        Map<String, ParkedJob> jobs = new LinkedHashMap<>();
        renderings.forEach((jobId, byRecut) -> jobs.put(jobId,
                new ParkedJob(jobId, List.copyOf(byRecut.values()), cancellations.get(jobId))));
        return jobs;
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
