package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The JVM images: Quarkus fast-jar layout, a pinned base, the service's port, and no root at run time. */
class DockerfilesTest {

    static final List<String> SERVICES = ServiceCatalog.names();

    @ParameterizedTest
    @FieldSource("SERVICES")
    void imageRunsTheFastJarAsANonRootUserOnThePinnedJavaRuntime(String service) {
        List<String> lines = instructions(service);

        assertThat(lines.get(0)).matches("FROM [\\w./-]+/openjdk-17-runtime:[0-9][\\w.-]*");
        assertThat(lines).contains(
                "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
                "ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
        String lastUser = lines.stream().filter(line -> line.startsWith("USER ")).reduce((first, second) -> second).orElseThrow();
        assertThat(lastUser).isEqualTo("USER 185");
        assertThat(lines.get(lines.size() - 1)).startsWith("ENTRYPOINT");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void imageExposesTheServicePortAndSetsOnlyVariablesItsServiceReads(String service) {
        List<String> lines = instructions(service);
        int port = ServiceCatalog.httpPort(service);

        assertThat(lines).contains("EXPOSE " + port);
        Matcher env = Pattern.compile("^ENV ([A-Z_][A-Z0-9_]*)=(.*)$").matcher("");
        for (String line : lines) {
            if (env.reset(line).matches()) {
                assertThat(ServiceCatalog.reads(service, env.group(1))).as("%s image sets %s", service, env.group(1)).isTrue();
                if (env.group(1).equals("QUARKUS_HTTP_PORT")) {
                    assertThat(env.group(2)).isEqualTo(String.valueOf(port));
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void workersOwnTheWorkDirAndTheClipWorkerExtractsFfmpegUnderTmp(String service) {
        List<String> lines = instructions(service);
        boolean usesWorkDir = ServiceCatalog.service(service).usesWorkDir();

        assertThat(lines.contains("ENV WORK_DIR=/work")).isEqualTo(usesWorkDir);
        if (usesWorkDir) {
            assertThat(lines).contains("RUN mkdir -p /work && chown 185:0 /work && chmod 0775 /work");
        }
        if (service.equals("clip-worker")) {
            // The bundled ffmpeg executable cannot start without these client libraries.
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("RUN microdnf install")
                    .contains("pulseaudio-libs", "libva"));
            // Read-only root file system: JavaCPP's cache (where the bundled ffmpeg lands) must be on the /tmp volume.
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith("ENV JAVA_OPTS_APPEND=").contains("-Dorg.bytedeco.javacpp.cachedir=/tmp/"));
        }
    }

    /** Instruction lines without comments and blank lines. */
    static List<String> instructions(String service) {
        String text = Repo.read(Repo.path(service + "/src/main/docker/Dockerfile.jvm"));
        return Arrays.stream(text.split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
