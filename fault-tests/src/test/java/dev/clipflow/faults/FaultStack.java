package dev.clipflow.faults;

import static org.awaitility.Awaitility.await;

import dev.clipflow.devstack.FreePorts;
import dev.clipflow.devstack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clipflow as separate processes that a test may kill: the broker with a log directory kept on disk, and the
 * packaged services (a second clip-worker on demand), local storage, everything under {@code target/}.
 * Each process of a module has a name of its own, given to it as {@code HOSTNAME}, as a pod's name is.
 */
final class FaultStack implements Jobs.Stack, AutoCloseable {

    static final Duration READY = Duration.ofSeconds(180);

    static final String BUCKET = "clipflow-faults";

    private final Path root;
    private final Path runDir;
    private final BrokerProcess broker;
    /** The S3 server's process, or null with local storage. */
    private final Process s3;
    private String[] s3Line;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> modules = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    private FaultStack(Path root, Path runDir, BrokerProcess broker, Process s3) {
        this.root = root;
        this.runDir = runDir;
        this.broker = broker;
        this.s3 = s3;
    }

    /** With {@code s3}, storage is an S3 server of its own process (objects on disk); else a local folder. */
    static FaultStack start(boolean s3) throws Exception {
        Path root = Path.of(System.getProperty("clipflow.root", "..")).toAbsolutePath().normalize();
        Path runDir = Files.createDirectories(root.resolve("fault-tests/target/stack-" + System.currentTimeMillis()));
        // The S3 server starts while the broker does: neither needs the other.
        Process s3Process = s3 ? launchS3(runDir) : null;
        BrokerProcess broker;
        try {
            broker = BrokerProcess.start(root, runDir.resolve("kafka-data"), runDir.resolve("broker.log"), FreePorts.pick());
        } catch (Exception | Error e) {
            if (s3Process != null) {
                s3Process.destroyForcibly().waitFor();
            }
            throw e;
        }
        FaultStack stack = new FaultStack(root, runDir, broker, s3Process);
        try {
            if (s3Process != null) {
                stack.awaitS3();
            }
            stack.ports.put("gallery-service", FreePorts.pick());
            for (String module : List.of("gallery-service", "uploader-worker", "clip-worker", "api-gateway")) {
                stack.launch(module, module.equals("clip-worker") ? "clip-worker-1" : module);
            }
            for (ServiceProcess process : stack.services.values()) {
                process.awaitReady(READY);
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Starts a process of the module under that name, on a port of its own, kept across its restarts. */
    ServiceProcess launch(String module, String name) throws IOException {
        int port = ports.computeIfAbsent(name, n -> FreePorts.pick());
        modules.put(name, module);
        ServiceProcess process = ServiceProcess.start(root, module, name, port, environment(name), runDir);
        services.put(name, process);
        return process;
    }

    private static Process launchS3(Path runDir) throws IOException {
        List<String> command = ServiceProcess.javaCommand(List.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                S3ServerMain.class.getName(), runDir.resolve("s3-data").toString(), BUCKET));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(runDir.resolve("s3.log").toFile()).start();
    }

    /** Waits for the S3 server's line saying where it listens and with which keys; it is stopped with the stack. */
    private void awaitS3() {
        Path log = runDir.resolve("s3.log");
        s3Line = await("the S3 server's start; see " + log).atMost(READY).pollInterval(Duration.ofMillis(200))
                .failFast("the S3 server exited; see " + log, () -> !s3.isAlive())
                .until(() -> Files.readAllLines(log).stream().filter(line -> line.startsWith("S3 ")).findFirst(),
                        Optional::isPresent)
                .get().split(" ");
    }

    boolean usesS3() {
        return s3 != null;
    }

    /** SIGSTOP: the S3 server keeps its connections open and answers nothing, as a store that hangs. */
    void freezeS3() throws Exception {
        signal("STOP", s3.pid());
    }

    void thawS3() throws Exception {
        signal("CONT", s3.pid());
    }

    private static void signal(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start().waitFor();
    }

    /** The object names stored for the job, as its storage lists them. */
    @Override
    public List<String> stored(String jobId) throws IOException {
        if (s3 == null) {
            return Jobs.Stack.super.stored(jobId);
        }
        try (S3Client client = s3Client()) {
            return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(jobId + "/")).contents().stream()
                    .map(object -> object.key().substring(jobId.length() + 1)).sorted().toList();
        }
    }

    /** Stores an object under the job's folder, as a store publishing a put it had wholly received does. */
    void storeUnderJob(String jobId, String name, byte[] content) {
        try (S3Client client = s3Client()) {
            client.putObject(b -> b.bucket(BUCKET).key(jobId + "/" + name), RequestBody.fromBytes(content));
        }
    }

    private S3Client s3Client() {
        return S3Client.builder().endpointOverride(URI.create(s3Line[1])).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3Line[2], s3Line[3])))
                .build();
    }

    private Map<String, String> environment(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("HOSTNAME", name);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("WORK_DIR", runDir.resolve("work").toString());
        env.put("GALLERY_URL", "http://127.0.0.1:" + ports.get("gallery-service"));
        if (s3 != null) {
            env.put("STORAGE_TYPE", "s3");
            env.put("S3_ENDPOINT", s3Line[1]);
            env.put("S3_PATH_STYLE", "true");
            env.put("AWS_S3_BUCKET", BUCKET);
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", s3Line[2]);
            env.put("AWS_SECRET_ACCESS_KEY", s3Line[3]);
        } else {
            env.put("STORAGE_TYPE", "local");
            env.put("LOCAL_STORAGE_PATH", storageRoot().toString());
        }
        env.put("UPLOAD_MAX_ATTEMPTS", "3");
        env.putAll(Jobs.QUICK_RENDER);
        return env;
    }

    /** SIGKILL the named process. */
    void kill(String name) throws InterruptedException {
        services.get(name).kill();
    }

    /** Starts the named process again, as a supervisor would, and waits until it is ready. */
    ServiceProcess restart(String name) throws Exception {
        ServiceProcess process = launch(modules.get(name), name);
        process.awaitReady(READY);
        return process;
    }

    BrokerProcess broker() {
        return broker;
    }

    @Override
    public String gatewayUrl() {
        return services.get("api-gateway").baseUrl();
    }

    String url(String name) {
        return services.get(name).baseUrl();
    }

    @Override
    public Path dataDir() {
        return runDir;
    }

    @Override
    public String logs() {
        return ServiceProcess.tails(services);
    }

    private void thawQuietly() {
        try {
            thawS3();
        } catch (Exception ignored) {
            // it is killed next
        }
    }

    @Override
    public void close() throws InterruptedException {
        ServiceProcess.closeAll(services.values());
        broker.close();
        if (s3 != null) {
            thawQuietly();
            s3.destroyForcibly().waitFor();
        }
    }
}
