package dev.clipflow.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** One rendered Kustomize directory: raw maps, and typed fabric8 models for the built-in kinds. */
record Rendered(String directory, List<Map<String, Object>> resources) {

    /** The directories users apply: base alone, Kafka alone, and the two overlays. */
    static final List<String> DIRECTORIES = List.of(
            "deploy/kubernetes/base", "deploy/kubernetes/kafka", "deploy/kubernetes/overlays/dev", "deploy/kubernetes/overlays/prod");

    static final List<String> OVERLAYS = List.of("deploy/kubernetes/overlays/dev", "deploy/kubernetes/overlays/prod");

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered of(String directory) {
        return CACHE.computeIfAbsent(directory, dir -> new Rendered(dir, List.copyOf(Kustomize.render(Repo.path(dir)))));
    }

    /** Resources of a built-in kind as their typed model (fails when the map does not fit the model). */
    <T extends HasMetadata> List<T> typed(Class<T> type) {
        String kind = type.getSimpleName();
        return resources.stream()
                .filter(resource -> kind.equals(Kustomize.kindOf(resource)) && builtInType(resource) == type)
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
                .filter(resource -> kind.equals(Kustomize.kindOf(resource))
                        && String.valueOf(resource.get("apiVersion")).startsWith(apiGroup + "/"))
                .toList();
    }

    /** The fabric8 model class registered for a resource's apiVersion and kind, null for unknown custom kinds. */
    static Class<? extends KubernetesResource> builtInType(Map<String, Object> resource) {
        return SERIALIZATION.getRegisteredKubernetesResource((String) resource.get("apiVersion"), Kustomize.kindOf(resource));
    }

    @Override
    public String toString() {
        return directory;
    }
}
