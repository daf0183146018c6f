package dev.clipflow.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The part of Kubernetes' strategic merge patch that Clipflow's overlays use: maps merge key by
 * key, a null value removes a key, lists whose items all carry a {@code name} (containers, env,
 * volumes, ports) merge item by item on that name, and any other list is replaced. Kubernetes
 * merges volumeMounts on mountPath rather than name; the overlays never patch a mount path.
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> patch) {
        Map<String, Object> merged = deepCopy(base);
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            if (entry.getKey().startsWith("$")) {
                throw new IllegalArgumentException("patch directive not supported: " + entry.getKey());
            }
            if (entry.getValue() == null) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), mergeValue(merged.get(entry.getKey()), entry.getValue()));
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object base, Object patch) {
        if (base instanceof Map && patch instanceof Map) {
            return merge((Map<String, Object>) base, (Map<String, Object>) patch);
        }
        if (base instanceof List && patch instanceof List && namedItems((List<?>) base) && namedItems((List<?>) patch)) {
            List<Object> merged = new ArrayList<>();
            for (Object item : (List<?>) base) {
                merged.add(deepCopy(item));
            }
            for (Object patchItem : (List<?>) patch) {
                Object name = ((Map<?, ?>) patchItem).get("name");
                int index = indexOfName(merged, name);
                if (index < 0) {
                    merged.add(deepCopy(patchItem));
                } else {
                    merged.set(index, merge((Map<String, Object>) merged.get(index), (Map<String, Object>) patchItem));
                }
            }
            return merged;
        }
        return deepCopy(patch);
    }

    private static boolean namedItems(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") != null);
    }

    private static int indexOfName(List<Object> items, Object name) {
        for (int i = 0; i < items.size(); i++) {
            if (Objects.equals(((Map<?, ?>) items.get(i)).get("name"), name)) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, deepCopy(item)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return (T) copy;
        }
        return value;
    }
}
