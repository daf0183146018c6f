package dev.clipflow.faults;

import static org.awaitility.Awaitility.await;

import dev.clipflow.devstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The devstack's Kafka broker as a process of its own ({@code java -jar devstack.jar --data-dir}), so that it can be
 * killed like any broker and started again on the same port with the same log directory.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private Process process;

    private BrokerProcess(Path jar, Path dataDir, Path log, int port) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
    }

    static BrokerProcess start(Path root, Path dataDir, Path log, int port) throws IOException, InterruptedException {
        BrokerProcess broker = new BrokerProcess(devstackJar(root), dataDir, log, port);
        broker.start();
        return broker;
    }

    /** Starts the broker (again), on its port and log directory, and waits until it has created the topics. */
    void start() throws IOException, InterruptedException {
        long before = Files.exists(log) ? Files.size(log) : 0;
        process = new ProcessBuilder(ServiceProcess.javaCommand(List.of("-jar", jar.toString(), "--kafka-port",
                String.valueOf(port), "--data-dir", dataDir.toString()))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await("the broker's start; see " + log).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .failFast("the broker exited; see " + log, () -> !process.isAlive())
                .until(() -> started(before));
    }

    private boolean started(long from) throws IOException {
        String text = Files.readString(log);
        return text.length() > from && text.substring((int) from).lines().anyMatch(line -> line.startsWith("DEVSTACK "));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** SIGKILL, as a crashed or OOM-killed broker. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static Path devstackJar(Path root) throws IOException {
        try (Stream<Path> jars = Files.list(root.resolve("devstack/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("devstack-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("devstack is not packaged in " + root));
        }
    }
}
