package dev.clipflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** docker-compose.yml and .env.example, read as docker compose reads them (YAML merge keys included). */
class ComposeTest {

    static final List<String> SERVICES = ServiceCatalog.names();
    static final List<String> WORKERS = List.of("clip-worker", "uploader-worker");

    private static final Map<String, Object> COMPOSE = Repo.yamlDocument(Repo.path("docker-compose.yml"));

    @Test
    void composeRunsKafkaMinioAndTheFourServices() {
        assertThat(services().keySet()).contains("kafka", "minio", "minio-setup", "kafka-topics").containsAll(SERVICES);
        assertThat((String) service("kafka").get("image")).startsWith("apache/kafka:");
        assertThat(environment("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        // kafka-storage format refuses a cluster id that is not a Kafka Uuid (16 bytes, base64url without padding).
        assertThat(java.util.Base64.getUrlDecoder().decode(environment("kafka").get("CLUSTER_ID"))).hasSize(16);
        assertThat((String) service("minio").get("image")).startsWith("minio/minio:");
        assertThat(String.valueOf(service("minio-setup").get("command"))).contains("mc mb").contains("anonymous set none");
    }

    @Test
    void everyDesignVariableIsNamedInEnvExampleOrTheServicesEnvironment() {
        Set<String> named = new TreeSet<>(envExample().keySet());
        SERVICES.forEach(service -> named.addAll(environment(service).keySet()));

        assertThat(named).containsAll(DesignVariables.DESIGN);
    }

    @Test
    void envExampleListsOnlyVariablesSomethingReads() {
        Set<String> interpolated = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(Repo.read(Repo.path("docker-compose.yml")));
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
        }
        assertThat(envExample().keySet()).allSatisfy(variable -> assertThat(
                ServiceCatalog.readsAnyOf(variable) || interpolated.contains(variable)).as(variable).isTrue());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void serviceIsBuiltFromItsDockerfileAndRunsInS3ModeAgainstMinio(String name) {
        Map<String, Object> build = at(service(name), "build");
        assertThat(Files.isRegularFile(Repo.path(build.get("context") + "/" + build.get("dockerfile")))).as(name).isTrue();
        assertThat(build.get("context")).isEqualTo("./" + name);

        Map<String, String> environment = environment(name);
        assertThat(environment.get("STORAGE_TYPE")).contains(":-s3}");
        assertThat(environment.get("S3_ENDPOINT")).contains("http://minio:9000");
        assertThat(environment.get("S3_PATH_STYLE")).contains(":-true}");
        assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).contains("kafka:9092");
        assertThat(environment).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(ServiceCatalog.httpPort(name)));
        environment.keySet().forEach(variable ->
                assertThat(ServiceCatalog.reads(name, variable)).as("compose sets %s on %s", variable, name).isTrue());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void serviceWaitsForHealthyDependenciesAndReportsItsOwnReadiness(String name) {
        Map<String, Object> service = service(name);
        Map<String, Map<String, Object>> dependsOn = at(service, "depends_on");

        assertThat(dependsOn.get("kafka")).containsEntry("condition", "service_healthy");
        assertThat(dependsOn.get("minio")).containsEntry("condition", "service_healthy");
        assertThat(dependsOn.get("kafka-topics")).containsEntry("condition", "service_completed_successfully");
        assertThat(dependsOn.get("minio-setup")).containsEntry("condition", "service_completed_successfully");
        List<String> test = at(service, "healthcheck.test");
        assertThat(String.join(" ", test))
                .contains("http://localhost:" + ServiceCatalog.httpPort(name) + ServiceCatalog.healthPath(name, "ready"));
        for (String infrastructure : List.of("kafka", "minio")) {
            assertThat(service(infrastructure)).as(infrastructure).containsKey("healthcheck");
        }
    }

    @ParameterizedTest
    @FieldSource("WORKERS")
    void workersScaleAndShareTheWorkVolume(String name) {
        Map<String, Object> worker = service(name);

        assertThat(worker).as("--scale needs generated names and no host port").doesNotContainKeys("container_name", "ports");
        assertThat(environment(name)).containsEntry("WORK_DIR", "/work");
        List<String> volumes = at(worker, "volumes");
        assertThat(volumes).contains("clipflow-work:/work");
        assertThat(ComposeTest.<Map<String, Object>>at(COMPOSE, "volumes")).containsKey("clipflow-work");
    }

    @Test
    void gatewayReachesTheGalleryServiceByItsComposeName() {
        assertThat(environment("api-gateway"))
                .containsEntry("GALLERY_URL", "http://gallery-service:" + ServiceCatalog.httpPort("gallery-service"));
    }

    @Test
    void topicsAreCreatedWithTheManifestsPartitionsIncludingDeadLetterTopics() {
        String command = String.valueOf(service("kafka-topics").get("command"));
        Map<String, Integer> topics = KafkaScalingTest.partitions(Rendered.of("deploy/kubernetes/kafka"));

        assertThat(command).contains("--partitions 12");
        assertThat(topics.values()).containsOnly(12);
        topics.keySet().forEach(topic -> assertThat(command).contains(topic));
    }

    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.path(".env.example")).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                assertThat(equals).as(".env.example line: %s", line).isPositive();
                variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return variables;
    }

    private static Map<String, Object> services() {
        return at(COMPOSE, "services");
    }

    private static Map<String, Object> service(String name) {
        return at(COMPOSE, "services." + name);
    }

    private static Map<String, String> environment(String name) {
        Map<String, Object> environment = at(service(name), "environment");
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String path) {
        Object current = map;
        for (String segment : path.split("\\.")) {
            current = ((Map<String, Object>) current).get(segment);
            assertThat(current).as("docker-compose.yml: %s", path).isNotNull();
        }
        return (T) current;
    }
}
