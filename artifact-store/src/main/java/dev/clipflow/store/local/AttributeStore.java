package dev.clipflow.store.local;

import java.io.IOException;
import java.nio.file.Path;

/** Where the local store keeps content type, SHA-256 and user metadata of an object. */
interface AttributeStore {

    /** Called on the temp file before it is moved under the key, so bytes and attributes appear together. */
    void write(Path tempFile, String key, StoredAttributes attributes) throws IOException;

    /** The attributes of a published object; empty attributes when none were recorded. */
    StoredAttributes read(Path file, String key) throws IOException;

    /** The object's SHA-256 alone (listing reads it as the ETag), or null. */
    String sha256(Path file, String key) throws IOException;

    void delete(String key) throws IOException;
}
