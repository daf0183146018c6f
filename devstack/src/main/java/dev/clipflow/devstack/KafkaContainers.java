package dev.clipflow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a container through Testcontainers' Kafka module, for test runs on a machine with a Docker engine: the
 * {@code apache/kafka} image of the client version, configured like the in-process broker (topics auto-created
 * with {@value KafkaBroker#DEFAULT_PARTITIONS} partitions, no rebalance delay).
 */
final class KafkaContainers {

    /** {@code auto} (default): a container when a Docker engine answers; {@code devstack} or {@code container} to force. */
    static final String CHOICE_PROPERTY = "clipflow.test.kafka";

    static final String IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    private KafkaContainers() {
    }

    /** Whether this run's tests get a container; asked once per JVM. */
    static boolean chosen() {
        String choice = System.getProperty(CHOICE_PROPERTY, System.getenv().getOrDefault("CLIPFLOW_TEST_KAFKA", "auto"));
        return switch (choice) {
            case "devstack" -> false;
            case "container" -> true;
            // Asking Testcontainers on a machine with no engine at all logs its whole search as errors: look first.
            default -> (System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock")))
                    && DockerClientFactory.instance().isDockerAvailable();
        };
    }

    @SuppressWarnings("resource") // stopped by the broker's close (the JVM shutdown hook for the shared one)
    static KafkaBroker start() {
        KafkaContainer container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(KafkaBroker.DEFAULT_PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        String bootstrap = container.getBootstrapServers().replaceFirst("^PLAINTEXT://", "");
        return KafkaBroker.shared(bootstrap, new Paused(container));
    }

    /**
     * An outage is the container paused: its mapped port stays the same (a stopped container would get a new one
     * on start), and clients see a broker that no longer answers.
     */
    private record Paused(KafkaContainer container) implements ServerLifecycle {

        @Override
        public boolean isRunning() {
            Boolean paused = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec()
                    .getState().getPaused();
            return container.isRunning() && !Boolean.TRUE.equals(paused);
        }

        @Override
        public void stop() {
            if (isRunning()) {
                container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            }
        }

        @Override
        public void restart() {
            if (!isRunning()) {
                container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            }
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
