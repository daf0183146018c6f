package dev.clipflow.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka broker in KRaft mode (one node that is broker and controller) running in this JVM,
 * on loopback ports, with its own temporary log directory, or a directory it keeps across runs.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the data, so a test can take "Kafka" away and
 * bring it back. Topics are auto-created with {@value #DEFAULT_PARTITIONS} partitions on first use.
 */
public final class KafkaBroker implements AutoCloseable {

    public static final int DEFAULT_PARTITIONS = 12;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String VERSION = org.apache.kafka.common.utils.AppInfoParser.getVersion();
    /** How long {@link #createTopics} waits for the broker; whoever waits for it has a deadline of its own. */
    private static final Duration TOPICS_PATIENCE = Duration.ofMinutes(2);

    private final String bootstrapServers;
    private final ServerLifecycle lifecycle;

    private KafkaBroker(String bootstrapServers, ServerLifecycle lifecycle) {
        this.bootstrapServers = bootstrapServers;
        this.lifecycle = lifecycle;
    }

    /**
     * A view of a broker that runs elsewhere: in this JVM under another class loader (controlled through JMX),
     * or in a container.
     */
    static KafkaBroker shared(String bootstrapServers, ServerLifecycle lifecycle) {
        return new KafkaBroker(bootstrapServers, lifecycle);
    }

    /** Starts a broker on a free loopback port. */
    public static KafkaBroker start() {
        return start(0);
    }

    /** Starts a broker on the given loopback port (0: a free one), with a temporary log directory. */
    public static KafkaBroker start(int port) {
        try {
            return start(port, Files.createTempDirectory("clipflow-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory", e);
        }
    }

    /**
     * Starts a broker on the given loopback port (0: a free one) whose topics live in {@code dataDir}, created if
     * missing and kept by {@link #close()}: a broker started again on the same directory has every record back,
     * as after a restart of any single-node install (after a crash too: Kafka recovers its log on start).
     */
    public static KafkaBroker startKeeping(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directory " + dataDir, e);
        }
        return start(port, dataDir.toAbsolutePath(), false);
    }

    private static KafkaBroker start(int port, Path dataDir, boolean temporary) {
        DevstackLogging.quietDependencies();
        try {
            int brokerPort = port == 0 ? FreePorts.pick() : port;
            Embedded embedded = new Embedded("127.0.0.1:" + brokerPort,
                    serverConfig(brokerPort, FreePorts.pick(), dataDir.resolve("logs")), dataDir, temporary);
            long started = System.nanoTime();
            try {
                embedded.format();
                embedded.start();
            } catch (RuntimeException | IOException e) {
                embedded.close();
                throw e;
            }
            KafkaBroker broker = new KafkaBroker(embedded.address, embedded);
            LOG.info("Kafka broker {} (KRaft) started at {} in {} ms, data in {}", VERSION, broker.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000, dataDir);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka data directory " + dataDir, e);
        }
    }

    /** {@code host:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int port() {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /**
     * Creates the topics that do not exist yet; existing ones are left as they are. It waits up to
     * {@link #TOPICS_PATIENCE} for a slow broker: one just started at a low priority on a busy machine (the launcher
     * next to a running test stack) took 20 s to create them, after 30 s to start.
     */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        try (Admin admin = admin(TOPICS_PATIENCE)) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            awaitMetadata(admin, Arrays.asList(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    // Topic creation returns before every listener knows the topic: wait, so that a caller's next step sees it.
    private static void awaitMetadata(Admin admin, List<String> names) {
        try {
            Awaitility.await("topics " + names + " visible").atMost(TOPICS_PATIENCE).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(ExecutionException.class)
                    .untilAsserted(() -> admin.describeTopics(names).allTopicNames().get());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Topics " + names + " did not become visible", e);
        }
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        return admin(Duration.ofSeconds(30));
    }

    private Admin admin(Duration apiTimeout) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Shuts the broker down; port and data are kept for {@link #restart()}. */
    public void stop() {
        lifecycle.stop();
    }

    /** Starts the broker again on the same port with the same data (stops it first if it runs). */
    public void restart() {
        lifecycle.restart();
    }

    /**
     * Stops the broker and deletes its data unless it was started {@linkplain #startKeeping keeping} it (a shared
     * broker is left to its JVM shutdown hook).
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** The KRaft server in this class loader. */
    private static final class Embedded implements ServerLifecycle {
        private final String address;
        private final Properties config;
        private final Path dataDir;
        private final boolean temporary;
        private KafkaRaftServer server;

        Embedded(String address, Properties config, Path dataDir, boolean temporary) {
            this.address = address;
            this.config = config;
            this.dataDir = dataDir;
            this.temporary = temporary;
        }

        void format() throws IOException {
            Path properties = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(properties)) {
                config.store(out, "Clipflow devstack broker");
            }
            // A kept log directory is formatted once: its cluster id must stay the one its records were written under.
            if (Files.exists(Path.of(config.getProperty("log.dirs"), "meta.properties"))) {
                return;
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {"format", "--config", properties.toString(),
                        "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, print);
            }
            if (exitCode != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed: " + output);
            }
        }

        synchronized void start() {
            server = ContextClassLoader.of(KafkaBroker.class, () -> {
                KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
                try {
                    raftServer.startup();
                } catch (RuntimeException e) {
                    raftServer.shutdown();
                    raftServer.awaitShutdown();
                    throw new IllegalStateException("The Kafka broker did not start on "
                            + config.getProperty("listeners"), e);
                }
                return raftServer;
            });
        }

        @Override
        public synchronized boolean isRunning() {
            return server != null;
        }

        /** Whether it was running. */
        private boolean shutDown() {
            if (server == null) {
                return false;
            }
            KafkaRaftServer running = server;
            ContextClassLoader.run(KafkaBroker.class, () -> {
                running.shutdown();
                running.awaitShutdown();
            });
            server = null;
            return true;
        }

        @Override
        public synchronized void stop() {
            if (shutDown()) {
                LOG.info("Kafka broker at {} stopped", address);
            }
        }

        @Override
        public synchronized void restart() {
            shutDown();
            start();
            LOG.info("Kafka broker at {} restarted", address);
        }

        @Override
        public synchronized void close() {
            shutDown();
            if (temporary) {
                TempDirs.deleteQuietly(dataDir);
            }
        }
    }

    private static Properties serverConfig(int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic must live with a single replica, or consumer groups never get messages.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small footprint: tests run next to several services on two cores.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.put("controlled.shutdown.enable", "true");
        p.put("controller.quorum.election.timeout.ms", "1000");
        p.put("controller.quorum.fetch.timeout.ms", "2000");
        // The controller appends a no-op record (written and flushed) to advance the metadata log's high watermark;
        // every 500 ms by default, the broker's largest idle cost. A single node has no follower waiting on it.
        p.put("metadata.max.idle.interval.ms", "5000");
        // A broker restarted after SIGKILL registers anew, and the controller refuses it while the dead incarnation's
        // session lasts: 9 s by default. Tests and `./clipflow up` kill and restart it. 3 s fenced the live broker once
        // on a loaded two-core build (the controller's queue fell behind its heartbeats); 6 s leaves room for that.
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "6000");
        return p;
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + "]";
    }
}
