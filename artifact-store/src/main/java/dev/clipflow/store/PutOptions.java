package dev.clipflow.store;

import java.util.HashMap;
import java.util.Map;

/**
 * How to store an object: content type, user metadata ({@code job-id}, {@code clip-number},
 * {@code created-by}) and the hex SHA-256 the store must verify (optional).
 */
public record PutOptions(String contentType, Map<String, String> userMetadata, String sha256) {

    public static final String JOB_ID = "job-id";
    public static final String CLIP_NUMBER = "clip-number";
    public static final String CREATED_BY = "created-by";
    public static final String CREATOR = "clipflow";

    public PutOptions {
        contentType = contentType == null ? "application/octet-stream" : contentType;
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    public static PutOptions of(String contentType) {
        return new PutOptions(contentType, Map.of(), null);
    }

    public PutOptions withMetadata(String name, String value) {
        Map<String, String> copy = new HashMap<>(userMetadata);
        copy.put(name, value);
        return new PutOptions(contentType, copy, sha256);
    }

    public PutOptions withSha256(String hex) {
        return new PutOptions(contentType, userMetadata, hex);
    }
}
