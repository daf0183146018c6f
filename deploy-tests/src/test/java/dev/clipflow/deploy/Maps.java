package dev.clipflow.deploy;

import java.util.Map;

/** Reads nested values of custom resources kept as maps. */
final class Maps {

    private Maps() {
    }

    /** The value at a dotted path ("spec.kafka.config"); keys containing dots are written as one segment in a later call. */
    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> map, String path) {
        Object current = map;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Map)) {
                throw new AssertionError("no '" + path + "' in " + map);
            }
            current = ((Map<String, Object>) current).get(segment);
            if (current == null) {
                throw new AssertionError("no '" + path + "' in " + map.get("kind") + " " + Resources.nameOf(map));
            }
        }
        return (T) current;
    }

    static int intAt(Map<String, Object> map, String path) {
        Object value = at(map, path);
        return value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value));
    }
}
