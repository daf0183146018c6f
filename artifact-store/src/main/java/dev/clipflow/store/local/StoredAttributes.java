package dev.clipflow.store.local;

import java.util.Map;

/** What the local store keeps beside an object's bytes. */
record StoredAttributes(String contentType, String sha256, Map<String, String> userMetadata) {
    StoredAttributes {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }
}
