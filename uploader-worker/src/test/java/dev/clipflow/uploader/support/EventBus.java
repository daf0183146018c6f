package dev.clipflow.uploader.support;

import dev.clipflow.contracts.Topics;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.json.ClipflowJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain Kafka clients, as another service would use them: publish on a topic, read a topic from the start. */
public final class EventBus {

    private EventBus() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static void publish(String topic, ClipflowEvent event) {
        publishRaw(topic, event.jobId(), ClipflowJson.encodeEvent(event));
    }

    public static void publishRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot publish on " + topic, e);
        }
    }

    /** Every record of {@code topic} keyed {@code jobId}, in offset order. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String jobId) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (jobId.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /** The upload events of a job so far. */
    public static List<ClipflowEvent> uploadEvents(String jobId) {
        return records(Topics.UPLOAD_EVENTS, jobId).stream().map(r -> ClipflowJson.decodeEvent(r.value())).toList();
    }

    /** Waits for the first upload event of the job. */
    public static ClipflowEvent awaitUploadEvent(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<ClipflowEvent> first = uploadEvents(jobId).stream().findFirst();
            if (first.isPresent()) {
                return first.get();
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no upload event for job " + jobId + " within " + timeout);
    }

    /** Waits until the job has {@code count} upload events and returns them. */
    public static List<ClipflowEvent> awaitUploadEvents(String jobId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            List<ClipflowEvent> events = uploadEvents(jobId);
            if (events.size() >= count) {
                return events;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("fewer than " + count + " upload events for job " + jobId + " within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
