package dev.clipflow.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each service exposes and reads, taken from its own sources where they exist (its
 * application.properties, the artifact-store's and the contracts' microprofile-config.properties, {@code @ConfigProperty}
 * names and {@code getenv} calls) and from the agreed facts (ports table, the README's variables)
 * where a module does not say yet.
 */
final class ServiceCatalog {

    record Service(String name, int defaultPort, boolean usesWorkDir, Optional<KafkaConsumer> scaledConsumer) {
    }

    /** The consumer group and topic a worker is autoscaled on. */
    record KafkaConsumer(String group, String topic) {
    }

    /** An incoming channel declared in a service's application.properties. */
    record Channel(String name, List<String> topics, String group, Optional<String> deadLetterTopic) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("api-gateway", 8080, false, Optional.empty()),
            new Service("clip-worker", 8081, true, Optional.of(new KafkaConsumer("clip-worker", "clip-jobs"))),
            new Service("uploader-worker", 8082, true, Optional.of(new KafkaConsumer("uploader-worker", "clip-events"))),
            new Service("gallery-service", 8083, false, Optional.empty()));

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern JAVA_ENV_NAME =
            Pattern.compile("(?:getenv\\(\\s*|@ConfigProperty\\(\\s*name\\s*=\\s*|@WithName\\(\\s*)\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern UPPER_KEY = Pattern.compile("[A-Z][A-Z0-9_]*");

    private ServiceCatalog() {
    }

    static Service service(String name) {
        return SERVICES.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Clipflow service: " + name));
    }

    static boolean isService(String name) {
        return SERVICES.stream().anyMatch(service -> service.name().equals(name));
    }

    /** The service's application.properties, empty when the module has none yet. */
    static Properties properties(String service) {
        return load(Repo.path(service + "/src/main/resources/application.properties"));
    }

    /** The value of a property for the prod profile: {@code %prod.key} wins over {@code key}. */
    static Optional<String> prodValue(Properties properties, String key) {
        return Optional.ofNullable(properties.getProperty("%prod." + key, properties.getProperty(key)));
    }

    /** The HTTP port: quarkus.http.port (its default when written as ${QUARKUS_HTTP_PORT:n}), else the agreed table. */
    static int httpPort(String service) {
        return prodValue(properties(service), "quarkus.http.port")
                .map(ServiceCatalog::withoutExpression)
                .map(Integer::parseInt)
                .orElse(service(service).defaultPort());
    }

    /** The health endpoint path of a check (live, ready, started), honouring the root paths a service may configure. */
    static String healthPath(String service, String check) {
        Properties properties = properties(service);
        String root = "/" + prodValue(properties, "quarkus.http.non-application-root-path").map(ServiceCatalog::withoutExpression)
                .orElse("q").replaceAll("^/+|/+$", "");
        String health = prodValue(properties, "quarkus.smallrye-health.root-path").map(ServiceCatalog::withoutExpression)
                .orElse("health").replaceAll("^/+|/+$", "");
        String leafKey = switch (check) {
            case "live" -> "quarkus.smallrye-health.liveness-path";
            case "ready" -> "quarkus.smallrye-health.readiness-path";
            case "started" -> "quarkus.smallrye-health.startup-path";
            default -> throw new IllegalArgumentException(check);
        };
        String leaf = prodValue(properties, leafKey).map(ServiceCatalog::withoutExpression).orElse(check).replaceAll("^/+", "");
        return root + "/" + health + "/" + leaf;
    }

    /**
     * Whether the service reads an environment variable: referenced as ${VAR} in its configuration,
     * the artifact-store's or the contracts', named in its Java sources, or the environment form of one of its property
     * keys (MicroProfile Config maps QUARKUS_HTTP_PORT to quarkus.http.port, and so on).
     */
    static boolean reads(String service, String variable) {
        if (variable.startsWith("QUARKUS_") || DesignVariables.IMAGE.contains(variable)) {
            return true;
        }
        return variablesRead(service).contains(variable);
    }

    static boolean readsAnyOf(String variable) {
        return SERVICES.stream().anyMatch(service -> reads(service.name(), variable));
    }

    /** The variables a service reads; the README's table plus the agreed ones while its application.properties maps none. */
    static Set<String> variablesRead(String service) {
        Set<String> read = new TreeSet<>();
        Set<String> own = declaredVariables(Repo.path(service), false);
        boolean dependsOnStore = dependsOn(service, "artifact-store");
        Set<String> store = dependsOnStore ? declaredVariables(Repo.path("artifact-store"), false) : Set.of();
        // contracts' configuration holds what every service sets alike (the Kafka bootstrap servers)
        Set<String> shared = dependsOn(service, "contracts") ? declaredVariables(Repo.path("contracts"), false) : Set.of();
        Path ownProperties = Repo.path(service + "/src/main/resources/application.properties");
        if (!Files.isRegularFile(ownProperties) || !ENV_REFERENCE.matcher(Repo.read(ownProperties)).find()) {
            // The service's configuration is not written yet: hold the manifests to the agreed variables.
            read.addAll(DesignVariables.DESIGN);
            read.addAll(DesignVariables.AGREED);
        }
        if (dependsOnStore && store.isEmpty()) {
            read.addAll(DesignVariables.DESIGN);
        }
        read.addAll(own);
        read.addAll(store);
        read.addAll(shared);
        read.addAll(declaredVariables(Repo.path(service), true));
        return read;
    }

    private static boolean dependsOn(String service, String module) {
        Path pom = Repo.path(service + "/pom.xml");
        return Files.exists(pom) && Repo.read(pom).contains("<artifactId>" + module + "</artifactId>");
    }

    /** Incoming Kafka channels from mp.messaging.incoming.* (group defaults to the application name). */
    static List<Channel> incomingChannels(String service) {
        Properties properties = properties(service);
        Map<String, Channel> channels = new LinkedHashMap<>();
        String prefix = "mp.messaging.incoming.";
        for (String key : properties.stringPropertyNames()) {
            String unprofiled = key.replaceFirst("^%prod\\.", "");
            if (!unprofiled.startsWith(prefix) || key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            String channel = unprofiled.substring(prefix.length(), unprofiled.indexOf('.', prefix.length()) < 0
                    ? unprofiled.length() : unprofiled.indexOf('.', prefix.length()));
            channels.computeIfAbsent(channel, name -> {
                String base = prefix + name + ".";
                List<String> topics = prodValue(properties, base + "topic").map(List::of)
                        .or(() -> prodValue(properties, base + "topics").map(list -> List.of(list.split("\\s*,\\s*"))))
                        .orElse(List.of(name));
                String group = prodValue(properties, base + "group.id")
                        .or(() -> prodValue(properties, "kafka.group.id"))
                        .or(() -> prodValue(properties, "quarkus.application.name"))
                        .orElse(service);
                Optional<String> deadLetter = prodValue(properties, base + "failure-strategy")
                        .filter("dead-letter-queue"::equals)
                        .map(strategy -> prodValue(properties, base + "dead-letter-queue.topic")
                                .orElse("dead-letter-topic-" + name));
                return new Channel(name, topics, group, deadLetter);
            });
        }
        return List.copyOf(channels.values());
    }

    /**
     * Variables a module names: ${VAR} references, upper-case property keys, Java config names; with
     * {@code keyForms}, instead the environment forms of its property keys.
     */
    private static Set<String> declaredVariables(Path module, boolean keyForms) {
        Set<String> variables = new TreeSet<>();
        for (Path file : List.of(module.resolve("src/main/resources/application.properties"),
                module.resolve("src/main/resources/META-INF/microprofile-config.properties"))) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            if (!keyForms) {
                collect(ENV_REFERENCE.matcher(Repo.read(file)), variables);
            }
            for (String key : load(file).stringPropertyNames()) {
                String unprofiled = key.replaceFirst("^%[^.]+\\.", "");
                boolean upper = UPPER_KEY.matcher(unprofiled).matches();
                if (upper && !keyForms) {
                    variables.add(unprofiled);
                } else if (!upper && keyForms) {
                    variables.add(environmentName(unprofiled));
                }
            }
        }
        if (keyForms) {
            return variables;
        }
        Path sources = module.resolve("src/main/java");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(file -> file.toString().endsWith(".java"))
                        .forEach(file -> collect(JAVA_ENV_NAME.matcher(Repo.read(file)), variables));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return variables;
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics to '_', upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** "${QUARKUS_HTTP_PORT:8082}" -> "8082"; plain values unchanged. */
    static String withoutExpression(String value) {
        Matcher matcher = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$").matcher(value.trim());
        return matcher.matches() ? matcher.group(1) : value.trim();
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(Repo.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    static List<String> names() {
        return Arrays.asList(SERVICES.stream().map(Service::name).toArray(String[]::new));
    }
}
