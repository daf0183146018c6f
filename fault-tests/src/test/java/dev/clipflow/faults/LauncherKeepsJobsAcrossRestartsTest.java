package dev.clipflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.devstack.CpuPriority;
import dev.clipflow.devstack.FreePorts;
import dev.clipflow.devstack.Http;
import dev.clipflow.devstack.SampleVideo;
import dev.clipflow.devstack.ServiceProcess;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./clipflow up}, two jobs, Ctrl-C while the first renders, {@code ./clipflow up} again: nothing is lost, and
 * the Ctrl-C leaves no broker errors in the services' logs. Meanwhile only the gateway, the front door, can be reached
 * from other machines.
 */
class LauncherKeepsJobsAcrossRestartsTest implements Jobs.Stack {

    private final Path root = Path.of(System.getProperty("clipflow.root", "..")).toAbsolutePath().normalize();
    private final Path dataDir = root.resolve("fault-tests/target/launcher-" + System.currentTimeMillis());
    private final Map<String, String> ports = Map.of(
            "GATEWAY_PORT", freePort(), "CLIP_WORKER_PORT", freePort(), "UPLOADER_PORT", freePort(),
            "GALLERY_PORT", freePort(), "KAFKA_PORT", freePort());
    private Process launcher;
    private Path log;

    @Test
    void onlyTheGatewayFacesTheNetworkAndCtrlCStopsQuietlyLosingNoJobSubmittedBeforeIt() throws Exception {
        up(1);
        Optional<InetAddress> network = networkAddress();
        if (network.isPresent()) {
            assertThat(reachable(network.get(), "GATEWAY_PORT")).as("the gateway from the network").isTrue();
            for (String internal : List.of("CLIP_WORKER_PORT", "UPLOADER_PORT", "GALLERY_PORT")) {
                assertThat(reachable(network.get(), internal)).as("%s from the network", internal).isFalse();
            }
        } else {
            System.out.println("This machine has no network address: what listens beyond loopback is not checked");
        }
        Path source = SampleVideo.builder().seconds(20).size(640, 360).fps(30).build().writeTo(scratch().resolve("talk.mp4"));
        Jobs jobs = new Jobs(this, source);
        String first = jobs.submit("Before Ctrl-C one");
        String second = jobs.submitQuick("Before Ctrl-C two");
        jobs.awaitRendering(first);

        ctrlC();
        assertThat(brokerErrorsOfTheLastRun())
                .as("the services stop while the broker is still up, so none of them logs losing it").isEmpty();
        up(2);

        for (String jobId : List.of(first, second)) {
            Http.Reply answer = jobs.status(jobId);
            assertThat(answer.status()).as("job %s after the restart: %s", jobId, answer.body()).isEqualTo(200);
        }
        jobs.assertCompletedExactlyOnce(first);
        jobs.assertCompletedExactlyOnce(second);
    }

    private void up(int run) throws Exception {
        log = Files.createDirectories(dataDir.getParent()).resolve(dataDir.getFileName() + "-up-" + run + ".log");
        // At a lower priority than CrashesLoseNoJobTest beside it, whose chain of restarts sets the build's length.
        // With SIGINT handled as in a terminal: a build started as a background job of a script (a CI step, a
        // benchmark) has it ignored, every process below inherits that, and bash cannot trap a signal ignored when it
        // started, so the Ctrl-C below went unheard.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(CpuPriority.background(List.of(root.resolve("clipflow").toString(), "up")));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(ports);
        builder.environment().putAll(Jobs.QUICK_RENDER);
        // Its processes live a minute and hash small files, as every test stack's (docs/architecture.md, Running).
        builder.environment().put("CLIPFLOW_JAVA_OPTS", String.join(" ", ServiceProcess.QUICK_JVM_OPTIONS));
        builder.environment().put("CLIPFLOW_DATA_DIR", dataDir.toString());
        launcher = builder.start();
        try {
            await("the launcher's start").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300))
                    .failFast("the launcher exited", () -> !launcher.isAlive())
                    .until(() -> Files.readString(log).contains("Press Ctrl-C"));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(log), e);
        }
    }

    /** An address of this machine that other machines reach it by, if it has one. */
    private static Optional<InetAddress> networkAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(LauncherKeepsJobsAcrossRestartsTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (IOException e) {
            return false;
        }
    }

    private boolean reachable(InetAddress address, String port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, Integer.parseInt(ports.get(port))), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The lines of the last run's service logs that say the broker went away or a message could not be sent. */
    private List<String> brokerErrorsOfTheLastRun() throws IOException {
        List<Path> runs = runs();
        Path run = runs.get(runs.size() - 1);
        List<String> errors = new ArrayList<>();
        for (String service : List.of("gallery-service", "uploader-worker", "clip-worker", "api-gateway")) {
            for (String line : Files.readAllLines(run.resolve(service + ".log"))) {
                if (line.contains(" ERROR ") || line.contains("could not be established")) {
                    errors.add(service + ": " + line);
                }
            }
        }
        return errors;
    }

    private void ctrlC() throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(launcher.pid())).inheritIO().start().waitFor();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
    }

    /** Ctrl-C; if the launcher stays, its broker and services are killed so that no stack outlives the test. */
    @AfterEach
    void stop() throws Exception {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        List<ProcessHandle> stack = launcher.descendants().toList();
        try {
            ctrlC();
        } finally {
            stack.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Override
    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("GATEWAY_PORT");
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String logs() {
        try {
            StringBuilder out = new StringBuilder();
            for (Path run : runs()) {
                for (String service : List.of("clip-worker", "uploader-worker", "api-gateway")) {
                    List<String> lines = Files.readAllLines(run.resolve(service + ".log"));
                    out.append("---- ").append(run.getFileName()).append(' ').append(service).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).append('\n');
                }
            }
            return out.toString();
        } catch (IOException e) {
            return "(no logs: " + e + ")";
        }
    }

    /** The folders of the launcher's runs, oldest first (named by their start time). */
    private List<Path> runs() throws IOException {
        try (var runs = Files.list(dataDir.resolve("runs"))) {
            return runs.sorted().toList();
        }
    }

    private static String freePort() {
        return String.valueOf(FreePorts.pick());
    }
}
