package dev.clipflow.clipworker.messaging;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.kafka.EventDeserializer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many times a job was started before, read back from {@code clip-events}: a worker writes the job's
 * {@code JobStarted} there (acks=all) before it renders anything, so every start, including one whose worker then
 * died, is on Kafka and survives the crash it counts. A job is redelivered only when its worker went away before
 * its outcome, so each earlier start is a worker lost to it (or stopped under it).
 */
@ApplicationScoped
public class EarlierStarts {

    /** Events are stamped by their producers' clocks: look back a little further than the request's own time. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private KafkaConsumer<String, ClipflowEvent> consumer;

    public EarlierStarts(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The {@code JobStarted} events of this job on Kafka now; throws when Kafka cannot tell in time. */
    public synchronized int of(JobRequested job) {
        KafkaConsumer<String, ClipflowEvent> reader = consumer();
        int partitions = reader.partitionsFor(Topics.CLIP_EVENTS, READ_TIMEOUT).size();
        // The partition the events of this job went to: they are keyed by job id, with the producer's partitioner.
        TopicPartition partition = new TopicPartition(Topics.CLIP_EVENTS,
                BuiltInPartitioner.partitionForKey(job.jobId().getBytes(StandardCharsets.UTF_8), partitions));
        reader.assign(List.of(partition));
        long since = job.at().minus(CLOCK_SKEW).toEpochMilli();
        OffsetAndTimestamp first = reader.offsetsForTimes(Map.of(partition, since), READ_TIMEOUT).get(partition);
        if (first == null) {
            return 0;
        }
        long end = reader.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
        reader.seek(partition, first.offset());
        int starts = 0;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (reader.position(partition, READ_TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read the earlier starts of job " + job.jobId() + " in time");
            }
            try {
                for (var record : reader.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end && job.jobId().equals(record.key()) && record.value() instanceof JobStarted) {
                        starts++;
                    }
                }
            } catch (RecordDeserializationException unreadable) {
                reader.seek(partition, unreadable.offset() + 1);
            }
        }
        return starts;
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
