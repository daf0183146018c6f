package dev.clipflow.devstack;

import java.util.Map;

import dev.clipflow.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test the devstack Kafka broker: one broker per JVM, shared by every test class, started on
 * first use and stopped when the JVM exits. The Clipflow topics exist with 12 partitions; any other topic
 * (dead-letter topics, a test's own) is created on first use.
 *
 * <pre>{@code @QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)}</pre>
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** The shared broker (started if needed), e.g. to stop and restart it in a test. */
    public static KafkaBroker broker() {
        KafkaBroker broker = Shared.BROKER;
        if (!broker.isRunning()) {
            // A previous test stopped it to simulate an outage and did not bring it back.
            broker.restart();
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        String bootstrapServers = broker().bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers, "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    }

    /** Leaves the shared broker running for the next test class; the JVM shutdown hook stops it. */
    @Override
    public void stop() {
    }

    private static final class Shared {
        static final KafkaBroker BROKER = startShared();

        private static KafkaBroker startShared() {
            KafkaBroker broker = KafkaBroker.start();
            broker.createTopics(Topics.DEFAULT_PARTITIONS, Topics.ALL);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "devstack-kafka-shutdown"));
            return broker;
        }
    }
}
