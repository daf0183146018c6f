package dev.clipflow.e2e;

import dev.clipflow.contracts.Topics;
import dev.clipflow.devstack.FreePorts;
import dev.clipflow.devstack.KafkaBroker;
import dev.clipflow.devstack.S3Server;
import dev.clipflow.devstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * The whole of Clipflow as a user runs it: a real broker, a real S3 server in S3 mode, and the four services
 * started from their packaged apps as separate processes.
 */
final class ClipflowStack implements AutoCloseable {

    enum Storage { LOCAL, S3 }

    static final String BUCKET = "clipflow-e2e";
    private static final List<String> SERVICES = List.of("gallery-service", "uploader-worker", "clip-worker", "api-gateway");

    private final KafkaBroker broker;
    private final S3Server s3;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Path storageRoot;
    private final Path runDir;

    private ClipflowStack(KafkaBroker broker, S3Server s3, Path storageRoot, Path runDir) {
        this.broker = broker;
        this.s3 = s3;
        this.storageRoot = storageRoot;
        this.runDir = runDir;
    }

    static ClipflowStack start(Storage storage) throws Exception {
        Path root = Path.of(System.getProperty("clipflow.root", "..")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("clipflow-e2e-" + storage.name().toLowerCase() + "-");
        KafkaBroker broker = KafkaBroker.start();
        broker.createTopics(Topics.DEFAULT_PARTITIONS, Topics.ALL);
        S3Server s3 = null;
        if (storage == Storage.S3) {
            s3 = S3Server.start(S3Server.Mode.IN_MEMORY);
            s3.createBucket(BUCKET);
        }
        ClipflowStack stack = new ClipflowStack(broker, s3, runDir.resolve("storage"), runDir);
        try {
            Map<String, Integer> ports = new HashMap<>();
            for (String service : SERVICES) {
                ports.put(service, FreePorts.pick());
            }
            Map<String, String> env = stack.environment(ports.get("gallery-service"));
            List<ServiceProcess> started = new ArrayList<>();
            for (String service : SERVICES) {
                // Beside fault-tests, whose crash cases set the build's length and have tight time bounds; the
                // bounds here are far wider than these services need even at a lower priority.
                ServiceProcess process = ServiceProcess.startInBackground(root, service, ports.get(service), env, runDir);
                stack.services.put(service, process);
                started.add(process);
            }
            for (ServiceProcess process : started) {
                process.awaitReady(Duration.ofSeconds(120));
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private Map<String, String> environment(int galleryPort) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("WORK_DIR", runDir.resolve("work").toString());
        env.put("GALLERY_URL", "http://127.0.0.1:" + galleryPort);
        env.put("UPLOAD_MAX_ATTEMPTS", "3");
        if (s3 != null) {
            env.put("STORAGE_TYPE", "s3");
            env.put("S3_ENDPOINT", s3.endpoint());
            env.put("S3_PATH_STYLE", "true");
            env.put("AWS_S3_BUCKET", BUCKET);
            env.put("AWS_REGION", s3.region());
            env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
            env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        } else {
            Files.createDirectories(storageRoot);
            env.put("STORAGE_TYPE", "local");
            env.put("LOCAL_STORAGE_PATH", storageRoot.toString());
        }
        return env;
    }

    String gatewayUrl() {
        return services.get("api-gateway").baseUrl();
    }

    Path storageRoot() {
        return storageRoot;
    }

    /** Waits until {@code done} accepts what {@code probe} finds; a timeout's error carries the services' logs. */
    <T> T waitFor(String what, Duration atMost, Callable<T> probe, Predicate<? super T> done) {
        return ServiceProcess.waitFor(what, atMost, probe, done, this::logs);
    }

    String logs() {
        return ServiceProcess.tails(services);
    }

    @Override
    public void close() {
        ServiceProcess.closeAll(services.values());
        if (s3 != null) {
            s3.close();
        }
        broker.close();
    }
}
