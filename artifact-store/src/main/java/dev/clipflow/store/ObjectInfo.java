package dev.clipflow.store;

import java.time.Instant;
import java.util.Map;

/**
 * What the store knows of an object. {@code etag} is the store's entity tag (quotes removed);
 * {@code sha256} is the hex SHA-256 recorded at put time when known.
 */
public record ObjectInfo(
        String key, long size, String etag, Instant lastModified, String contentType,
        Map<String, String> userMetadata, String sha256) {

    public ObjectInfo {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }
}
