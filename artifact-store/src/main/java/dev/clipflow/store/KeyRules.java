package dev.clipflow.store;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules every backend applies to keys, prefixes and user metadata, so that a key valid in one
 * store is valid in the other and none can reach outside a local root.
 */
public final class KeyRules {

    /** Segments starting with this are the local store's own files (temp files, metadata); never keys. */
    public static final String RESERVED_SEGMENT_PREFIX = ".clipflow-";
    /** The user metadata name under which the hex SHA-256 is kept. */
    public static final String SHA256_METADATA = "sha256";

    private static final int MAX_KEY_BYTES = 1024;

    private KeyRules() {
    }

    public static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidKeyException(String.valueOf(key), "empty");
        }
        if (key.endsWith("/")) {
            throw new InvalidKeyException(key, "ends with '/'");
        }
        checkPath(key);
        return key;
    }

    /** A list prefix: like a key, but may be empty or end with '/'. */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        checkPath(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }

    private static void checkPath(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidKeyException(key, "longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            throw new InvalidKeyException(key, "absolute");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                throw new InvalidKeyException(key, "contains a backslash");
            }
            if (Character.isISOControl(c)) {
                throw new InvalidKeyException(key, "contains a control character");
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidKeyException(key, "empty path segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException(key, "'" + segment + "' segment");
            }
            if (segment.startsWith(RESERVED_SEGMENT_PREFIX)) {
                throw new InvalidKeyException(key, "segments starting with " + RESERVED_SEGMENT_PREFIX + " are reserved");
            }
        }
    }

    /**
     * User metadata as both stores keep it: names in lower case (S3 lower-cases them), names and
     * values printable US-ASCII (what HTTP headers carry unchanged), {@code sha256} reserved.
     */
    public static Map<String, String> normalizeMetadata(Map<String, String> metadata) {
        Map<String, String> normalized = new TreeMap<>();
        metadata.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.isEmpty() || !lower.chars().allMatch(c -> c == '-' || c == '_' || c == '.' || Character.isLetterOrDigit(c) && c < 128)) {
                throw new IllegalArgumentException("metadata name must be ASCII letters, digits, '-', '_' or '.': '" + name + "'");
            }
            if (lower.equals(SHA256_METADATA)) {
                throw new IllegalArgumentException("metadata name 'sha256' is reserved: give the checksum in PutOptions.sha256");
            }
            if (value == null || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("metadata value of '" + name + "' must be printable US-ASCII");
            }
            normalized.put(lower, value);
        });
        return normalized;
    }

    /** A hex SHA-256 as the stores compare it (lower case), or null. */
    public static String normalizeSha256(String hex) {
        if (hex == null) {
            return null;
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        if (!lower.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits: '" + hex + "'");
        }
        return lower;
    }
}
