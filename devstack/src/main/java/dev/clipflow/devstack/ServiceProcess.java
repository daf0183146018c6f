package dev.clipflow.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** One built Clipflow service started with {@code java -jar}, as a user or the launcher starts it. */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The options of every JVM a test stack starts (services, broker, S3 server). A stack runs five or more JVMs beside
     * ffmpeg on two cores and restarts them often, with files of a few megabytes: the quick compiler and the serial
     * collector (as the launcher gives the broker and the gallery, see clipflow) start one with less CPU, and C2's
     * faster hashing would not pay for itself on such files. Without the performance-data file, no sampler thread.
     */
    public static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** {@code name} tells two processes of one module apart (their logs, their messages). */
    public static ServiceProcess start(Path root, String module, String name, int port, Map<String, String> env, Path logDir)
            throws IOException {
        return start(root, module, name, port, env, logDir, false);
    }

    /** As {@link #start(Path, String, String, int, Map, Path)} under the module's name, at {@link CpuPriority#background} priority. */
    public static ServiceProcess startInBackground(Path root, String module, int port, Map<String, String> env, Path logDir)
            throws IOException {
        return start(root, module, module, port, env, logDir, true);
    }

    private static ServiceProcess start(Path root, String module, String name, int port, Map<String, String> env, Path logDir,
            boolean background) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the services must be packaged first (./mvnw package)");
        }
        // Temp files (S3 spools, Vert.x cache) stay in the run's own directory, under target/.
        List<String> command = javaCommand(List.of("-Xmx384m", "-Djava.io.tmpdir=" + logDir.toAbsolutePath(), "-jar", jar.toString()));
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(background ? CpuPriority.background(command) : command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return new ServiceProcess(name, port, builder.start(), log);
    }

    /** Waits until the service answers ready; fails at once, with its log's tail, if it exits first. */
    public void awaitReady(Duration timeout) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(300))
                    .failFast(name + " exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String what = process.isAlive() ? " was not ready within " + timeout : " exited with " + process.exitValue();
            throw new IllegalStateException(name + what + ":\n" + tail(), e);
        }
    }

    /**
     * Waits in a test stack until {@code done} accepts what {@code probe} finds. A probe's {@link IOException} (a
     * service being restarted) counts as not yet; a timeout's error carries {@code logs}, the stack's story.
     */
    public static <T> T waitFor(String what, Duration atMost, Callable<T> probe, Predicate<? super T> done,
            Supplier<String> logs) {
        try {
            return Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class).until(probe, done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + logs.get(), e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to stop cleanly, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The last lines of each process's log, under its name: what a failed test prints to say why. */
    public static String tails(Map<String, ServiceProcess> processes) {
        StringBuilder out = new StringBuilder();
        processes.forEach((name, process) -> out.append("---- ").append(name).append('\n').append(process.tail()).append('\n'));
        return out.toString();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops them all at once: each is asked to stop (SIGTERM) before any is waited for, so a stack's shutdown takes
     * as long as its slowest service rather than the sum of them.
     */
    public static void closeAll(Collection<ServiceProcess> processes) {
        processes.forEach(p -> p.process.destroy());
        processes.forEach(ServiceProcess::close);
    }

    /** The command line of a test stack's JVM: this JVM's java executable, {@link #QUICK_JVM_OPTIONS}, then {@code args}. */
    public static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(QUICK_JVM_OPTIONS);
        command.addAll(args);
        return command;
    }
}
