package dev.clipflow.clipworker.job;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.kafka.EventDeserializer;
import dev.clipflow.contracts.kafka.RangeReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A job's events on {@code clip-events} as they are on Kafka now, in the order of its partition. Two questions are
 * answered from them. How many times a job was started before: a worker writes the job's {@code JobStarted} there
 * (acks=all) before it renders anything, so every start, including one whose worker then died, is on Kafka and
 * survives the crash it counts; a job is redelivered only when its worker went away before its outcome, so each
 * earlier start is a worker lost to it (or stopped under it). And which clips a job has and which of its recuts
 * ended: every {@code JobRendered} of the job is there, so clip numbers are decided from the job's own ordered
 * events, never from what one gateway replica saw.
 */
@ApplicationScoped
public class JobHistory {

    /** Events are stamped by their producers' clocks: look back a little further than the request's own time. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private KafkaConsumer<String, ClipflowEvent> consumer;

    public JobHistory(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The {@code JobStarted} events of this job on Kafka now; throws when Kafka cannot tell in time. */
    public int startsOf(JobRequested job) {
        return (int) eventsOf(job.jobId(), job.at()).stream().filter(JobStarted.class::isInstance).count();
    }

    /**
     * The job's events on {@code clip-events} written since {@code since} (less the producers' clock skew), up to
     * the end of its partition at the time of the call; throws when Kafka cannot tell in time.
     */
    public synchronized List<ClipflowEvent> eventsOf(String jobId, Instant since) {
        RangeReader range = RangeReader.within(READ_TIMEOUT);
        KafkaConsumer<String, ClipflowEvent> reader = consumer();
        int partitions = reader.partitionsFor(Topics.CLIP_EVENTS, range.left()).size();
        // The partition the events of this job went to: they are keyed by job id, with the producer's partitioner.
        TopicPartition partition = new TopicPartition(Topics.CLIP_EVENTS,
                BuiltInPartitioner.partitionForKey(jobId.getBytes(StandardCharsets.UTF_8), partitions));
        long from = since.minus(CLOCK_SKEW).toEpochMilli();
        OffsetAndTimestamp first = reader.offsetsForTimes(Map.of(partition, from), range.left()).get(partition);
        if (first == null) {
            return List.of();
        }
        List<ClipflowEvent> events = new ArrayList<>();
        range.read(reader, Map.of(partition, first.offset()), record -> {
            if (jobId.equals(record.key()) && record.value() != null) {
                events.add(record.value());
            }
        });
        return events;
    }

    private KafkaConsumer<String, ClipflowEvent> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                    new StringDeserializer(), new EventDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    synchronized void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
