package dev.clipflow.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One Kustomize directory as {@code kubectl kustomize} renders it (the same rendering {@code kubectl apply -k}
 * applies): raw maps, and typed fabric8 models for the built-in kinds.
 */
record Rendered(String directory, List<Map<String, Object>> resources) {

    /** The directories users apply: base alone, Kafka alone, and the two overlays. */
    static final List<String> DIRECTORIES = List.of(
            "deploy/kubernetes/base", "deploy/kubernetes/kafka", "deploy/kubernetes/overlays/dev", "deploy/kubernetes/overlays/prod");

    static final List<String> OVERLAYS = List.of("deploy/kubernetes/overlays/dev", "deploy/kubernetes/overlays/prod");

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered of(String directory) {
        return CACHE.computeIfAbsent(directory, dir -> new Rendered(dir, kubectlKustomize(Repo.path(dir))));
    }

    /** Resources of a built-in kind as their typed model (fails when the map does not fit the model). */
    <T extends HasMetadata> List<T> typed(Class<T> type) {
        String kind = type.getSimpleName();
        return resources.stream()
                .filter(resource -> kind.equals(Resources.kindOf(resource)) && builtInType(resource) == type)
                .map(resource -> SERIALIZATION.convertValue(resource, type))
                .toList();
    }

    <T extends HasMetadata> T typed(Class<T> type, String name) {
        return typed(type).stream().filter(resource -> name.equals(resource.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(directory + ": no " + type.getSimpleName() + " " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return typed(type).stream().filter(resource -> name.equals(resource.getMetadata().getName())).findFirst();
    }

    /** Resources of a custom kind (KEDA, Strimzi) as maps. */
    List<Map<String, Object>> custom(String apiGroup, String kind) {
        return resources.stream()
                .filter(resource -> kind.equals(Resources.kindOf(resource))
                        && String.valueOf(resource.get("apiVersion")).startsWith(apiGroup + "/"))
                .toList();
    }

    /** The fabric8 model class registered for a resource's apiVersion and kind, null for unknown custom kinds. */
    static Class<? extends KubernetesResource> builtInType(Map<String, Object> resource) {
        return SERIALIZATION.getRegisteredKubernetesResource((String) resource.get("apiVersion"), Resources.kindOf(resource));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kubectlKustomize(Path directory) {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("kubectl (with Kustomize v5) is needed to render " + directory
                    + "; .ci/run checks it is installed: " + notInstalled.getMessage());
        }
        try {
            // stderr is read after stdout: kustomize writes little to it, and only on failure.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + errors.strip());
            }
            List<Map<String, Object>> resources = new ArrayList<>();
            for (Object document : Repo.yaml().loadAll(output)) {
                if (document != null) {
                    resources.add((Map<String, Object>) document);
                }
            }
            return List.copyOf(resources);
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + directory + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return directory;
    }
}
