package dev.clipflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.clipflow.contracts.Topics;

class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void aConsumerGroupReceivesWhatAProducerSent() throws Exception {
        String topic = "devstack-roundtrip";
        broker.createTopics(3, topic);

        send(topic, "job-1", "hello");
        send(topic, "job-2", "world");

        assertThat(consume(topic, "group-" + UUID.randomUUID(), 2))
                .extracting(ConsumerRecord::value).containsExactlyInAnyOrder("hello", "world");
    }

    @Test
    void topicsAreCreatedWithTheAskedPartitionsAndCreatingThemAgainIsHarmless() throws Exception {
        broker.createTopics(Topics.DEFAULT_PARTITIONS, Topics.ALL);
        broker.createTopics(Topics.DEFAULT_PARTITIONS, Topics.ALL);

        try (Admin admin = broker.admin()) {
            var topics = admin.describeTopics(List.of(Topics.ALL)).allTopicNames().get();
            assertThat(topics).hasSize(Topics.ALL.length);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(12));
        }
    }

    @Test
    void unknownTopicsAreCreatedOnFirstUseWithTwelvePartitions() throws Exception {
        String topic = Topics.deadLetterTopic("clip-jobs-in") + "-" + UUID.randomUUID();
        send(topic, "job-1", "poison");

        try (Admin admin = broker.admin()) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(12);
        }
    }

    @Test
    void aRestartedBrokerKeepsItsPortAndItsMessages() throws Exception {
        String topic = "devstack-restart";
        broker.createTopics(1, topic);
        send(topic, "job-1", "before");
        String address = broker.bootstrapServers();

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.restart();

        assertThat(broker.bootstrapServers()).isEqualTo(address);
        send(topic, "job-1", "after");
        assertThat(consume(topic, "group-" + UUID.randomUUID(), 2))
                .extracting(ConsumerRecord::value).containsExactly("before", "after");
    }

    @Test
    void aBrokerStartedAgainOnItsKeptDirectoryHasEveryRecordBack() throws Exception {
        Path dataDir = Path.of("target", "kept-kafka-" + UUID.randomUUID());
        String topic = "devstack-kept";
        KafkaBroker first = KafkaBroker.startKeeping(0, dataDir);
        try {
            first.createTopics(1, topic);
            send(first, topic, "job-1", "before");
        } finally {
            first.close();
        }
        assertThat(dataDir.resolve("logs")).isNotEmptyDirectory();

        KafkaBroker second = KafkaBroker.startKeeping(0, dataDir);
        try {
            send(second, topic, "job-1", "after");
            assertThat(consume(second, topic, "group-" + UUID.randomUUID(), 2))
                    .extracting(ConsumerRecord::value).containsExactly("before", "after");
        } finally {
            second.close();
            TempDirs.deleteQuietly(dataDir);
        }
    }

    private static void send(String topic, String key, String value) throws Exception {
        send(broker, topic, key, value);
    }

    private static void send(KafkaBroker broker, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, String group, int expected) {
        return consume(broker, topic, group, expected);
    }

    private static List<ConsumerRecord<String, String>> consume(KafkaBroker broker, String topic, String group,
            int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            consumer.commitSync();
        }
        return received;
    }
}
