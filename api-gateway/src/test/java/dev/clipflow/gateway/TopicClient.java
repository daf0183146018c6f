package dev.clipflow.gateway;

import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.kafka.EventDeserializer;
import dev.clipflow.contracts.kafka.EventSerializer;
import dev.clipflow.devstack.KafkaTestResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the devstack broker: what the other services would publish, and what they would read. */
public final class TopicClient {

    public static void publish(String topic, ClipflowEvent event) {
        try (KafkaProducer<String, ClipflowEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer())) {
            producer.send(new ProducerRecord<>(topic, event.jobId(), event)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
    }

    /** Every record of the topics from the beginning, up to the end as it is now. */
    public static List<ConsumerRecord<String, ClipflowEvent>> readAll(String... topics) {
        try (KafkaConsumer<String, ClipflowEvent> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, ClipflowEvent>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public static Optional<ClipflowEvent> find(String topic, String jobId, Class<? extends ClipflowEvent> type) {
        return readAll(topic).stream().filter(r -> jobId.equals(r.key())).map(ConsumerRecord::value)
                .filter(type::isInstance).findFirst();
    }

    private static KafkaConsumer<String, ClipflowEvent> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "gateway-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new EventDeserializer());
    }

    private TopicClient() {
    }
}
