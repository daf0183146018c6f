package dev.clipflow.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for the features Clipflow's
 * manifests use: {@code resources} (files and directories), {@code patches} (strategic-merge patch
 * files addressed by kind and name), {@code namespace}, {@code replicas} and {@code images}.
 * Any other field fails the rendering, so a manifest can never rely on a feature this loader
 * silently ignores. Hand-written because no maintained Java implementation of Kustomize exists;
 * {@code KustomizeAgreementTest} compares it with the real kustomize wherever kubectl is installed.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "patches", "namespace", "replicas", "images");

    static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ClusterTriggerAuthentication");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Path kustomizationFile = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(kustomizationFile)) {
            throw new IllegalArgumentException("No kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Repo.yamlDocument(kustomizationFile);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalArgumentException(kustomizationFile + ": field '" + field + "' is not supported by this loader");
            }
        }

        List<Map<String, Object>> resources = new ArrayList<>();
        for (String entry : strings(kustomization.get("resources"))) {
            Path resource = directory.resolve(entry).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(render(resource));
            } else if (Files.isRegularFile(resource)) {
                resources.addAll(Repo.yamlDocuments(resource));
            } else {
                throw new IllegalArgumentException(kustomizationFile + ": resource not found: " + entry);
            }
        }
        rejectDuplicates(resources, kustomizationFile);

        for (Map<String, Object> patchEntry : maps(kustomization.get("patches"))) {
            applyPatchEntry(directory, kustomizationFile, patchEntry, resources);
        }
        for (Map<String, Object> replica : maps(kustomization.get("replicas"))) {
            setReplicas(resources, (String) replica.get("name"), ((Number) replica.get("count")).intValue(), kustomizationFile);
        }
        for (Map<String, Object> image : maps(kustomization.get("images"))) {
            setImage(resources, image, kustomizationFile);
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> resource : resources) {
                if (!CLUSTER_SCOPED_KINDS.contains(kindOf(resource))) {
                    metadata(resource).put("namespace", namespace);
                }
            }
        }
        rejectDuplicates(resources, kustomizationFile);
        return resources;
    }

    static String kindOf(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    static String nameOf(Map<String, Object> resource) {
        return (String) metadata(resource).get("name");
    }

    static String idOf(Map<String, Object> resource) {
        return group(resource) + "/" + kindOf(resource) + "/" + metadata(resource).getOrDefault("namespace", "") + "/" + nameOf(resource);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
    }

    private static void applyPatchEntry(Path directory, Path kustomizationFile, Map<String, Object> entry,
                                        List<Map<String, Object>> resources) {
        if (entry.containsKey("target") || entry.containsKey("options")) {
            throw new IllegalArgumentException(kustomizationFile + ": patch targets and options are not supported: " + entry);
        }
        List<Map<String, Object>> patches;
        if (entry.get("path") instanceof String path) {
            patches = Repo.yamlDocuments(directory.resolve(path));
        } else {
            throw new IllegalArgumentException(kustomizationFile + ": only 'path' patches are supported: " + entry);
        }
        for (Map<String, Object> patch : patches) {
            Map<String, Object> target = resources.stream()
                    .filter(resource -> Objects.equals(kindOf(resource), kindOf(patch))
                            && Objects.equals(group(resource), group(patch))
                            && Objects.equals(nameOf(resource), nameOf(patch)))
                    .reduce((first, second) -> {
                        throw new IllegalArgumentException("patch matches several resources: " + kindOf(patch) + " " + nameOf(patch));
                    })
                    .orElseThrow(() -> new IllegalArgumentException(kustomizationFile + ": patch target not found: "
                            + patch.get("apiVersion") + " " + kindOf(patch) + " " + nameOf(patch)));
            Map<String, Object> merged = StrategicMerge.merge(target, patch);
            target.clear();
            target.putAll(merged);
        }
    }

    private static void setReplicas(List<Map<String, Object>> resources, String name, int count, Path kustomizationFile) {
        Map<String, Object> workload = resources.stream()
                .filter(resource -> Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(kindOf(resource))
                        && name.equals(nameOf(resource)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(kustomizationFile + ": replicas: no workload named " + name));
        spec(workload).put("replicas", count);
    }

    @SuppressWarnings("unchecked")
    private static void setImage(List<Map<String, Object>> resources, Map<String, Object> image, Path kustomizationFile) {
        String name = (String) image.get("name");
        boolean matched = false;
        for (Map<String, Object> resource : resources) {
            Map<String, Object> podSpec = podSpec(resource);
            if (podSpec == null) {
                continue;
            }
            for (String listName : List.of("initContainers", "containers")) {
                for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.getOrDefault(listName, List.of())) {
                    ImageRef ref = ImageRef.parse((String) container.get("image"));
                    if (!ref.name().equals(name)) {
                        continue;
                    }
                    matched = true;
                    String newName = (String) image.getOrDefault("newName", ref.name());
                    String newTag = image.containsKey("newTag") ? String.valueOf(image.get("newTag")) : ref.tag();
                    container.put("image", newName + (newTag != null ? ":" + newTag : ""));
                }
            }
        }
        if (!matched) {
            throw new IllegalArgumentException(kustomizationFile + ": images: no container uses " + name);
        }
    }

    /** The pod spec of a workload (Deployment, StatefulSet, DaemonSet, Job), or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> resource) {
        Object spec = resource.get("spec");
        if (!(spec instanceof Map) || !(((Map<String, Object>) spec).get("template") instanceof Map<?, ?> template)) {
            return null;
        }
        return (Map<String, Object>) template.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> resource) {
        return (Map<String, Object>) resource.computeIfAbsent("spec", key -> new LinkedHashMap<>());
    }

    private static String group(Map<String, Object> resource) {
        String apiVersion = (String) resource.get("apiVersion");
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static void rejectDuplicates(List<Map<String, Object>> resources, Path kustomizationFile) {
        Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Object> resource : resources) {
            if (!seen.add(idOf(resource))) {
                throw new IllegalArgumentException(kustomizationFile + ": resource defined twice: " + idOf(resource));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** An image reference: name (with registry) and tag; a port in the registry is not a tag. */
    record ImageRef(String name, String tag) {
        static ImageRef parse(String image) {
            int lastSlash = image.lastIndexOf('/');
            int colon = image.indexOf(':', lastSlash + 1);
            return colon < 0 ? new ImageRef(image, null) : new ImageRef(image.substring(0, colon), image.substring(colon + 1));
        }
    }
}
