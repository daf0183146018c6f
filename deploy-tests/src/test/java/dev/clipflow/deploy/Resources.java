package dev.clipflow.deploy;

import java.util.Map;

/** Reading the identity of a rendered resource map (as {@code kubectl kustomize} prints it). */
final class Resources {

    private Resources() {
    }

    static String kindOf(Map<String, Object> resource) {
        return (String) resource.get("kind");
    }

    static String nameOf(Map<String, Object> resource) {
        return (String) metadata(resource).get("name");
    }

    /** {@code group/kind/namespace/name}, unique within one rendering. */
    static String idOf(Map<String, Object> resource) {
        String apiVersion = (String) resource.get("apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return group + "/" + kindOf(resource) + "/" + metadata(resource).getOrDefault("namespace", "") + "/" + nameOf(resource);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("metadata", Map.of());
    }
}
