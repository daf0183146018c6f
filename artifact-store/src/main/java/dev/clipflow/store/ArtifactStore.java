package dev.clipflow.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way into storage. Keys follow {@link dev.clipflow.contracts.layout.ObjectKeys}; a key
 * that is empty, absolute, or contains {@code ..} segments, backslashes or control characters is
 * refused with {@link InvalidKeyException} by every backend.
 *
 * <p>Transient trouble (store unreachable, throttled) surfaces as {@link StorageUnavailableException}
 * so callers can retry; everything else is a {@link StorageException}.
 */
public interface ArtifactStore {

    StorageType type();

    /** Stores a file under {@code key}. When {@code options.sha256()} is given the store verifies it. */
    ObjectInfo put(String key, Path file, PutOptions options);

    /**
     * Stores a stream under {@code key}, never holding it whole in memory.
     * {@code length} is the exact byte count, or {@code -1} when unknown. Nothing becomes visible
     * under the key unless the whole stream was stored.
     */
    ObjectInfo put(String key, InputStream content, long length, PutOptions options);

    Optional<ObjectInfo> head(String key);

    /** The object's bytes; {@link NoSuchObjectException} when absent. The caller closes the stream. */
    InputStream get(String key);

    /** Bytes {@code range.first()..range.last()} (inclusive) of the object. */
    InputStream get(String key, ByteRange range);

    /** Convenience for small objects such as metadata documents. */
    byte[] getBytes(String key);

    /**
     * The object's own file, when this store keeps objects as files on a disk this process can read
     * (local storage): a reader that needs a seekable file, such as ffmpeg, can open it in place instead
     * of copying it. Empty for remote stores and absent objects. Read only: never change or delete it.
     */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    /** Removes the object; absent objects are not an error. */
    void delete(String key);

    /**
     * Removes every object whose key starts with {@code prefix} (which must be a non-empty folder such as
     * {@code {job_id}/}) and returns how many there were. Running it again removes nothing more.
     */
    default int deleteAll(String prefix) {
        if (prefix == null || prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new InvalidKeyException(String.valueOf(prefix), "a prefix to delete must be a folder ending in /");
        }
        List<String> keys;
        try (Stream<ObjectInfo> objects = list(prefix, "")) {
            keys = objects.map(ObjectInfo::key).toList();
        }
        keys.forEach(this::delete);
        return keys.size();
    }

    /**
     * Every object whose key starts with {@code prefix} and ends with {@code suffix} (either may be
     * empty), in key order, paging through any number of keys lazily. Close the stream when done.
     * As in S3 listings, each item has key, size, ETag and last-modified only; {@link #head} gives the rest.
     */
    Stream<ObjectInfo> list(String prefix, String suffix);

    /**
     * A URL a client can GET the object from: presigned for {@code lifetime} (S3; {@code null} means the
     * configured {@code PRESIGN_EXPIRY_SECONDS}), or the relative {@code /storage/{key}} path, each segment
     * URL-encoded, served by the gateway (local).
     */
    String urlFor(String key, Duration lifetime);

    /** {@link #urlFor(String, Duration)} with the configured lifetime ({@code PRESIGN_EXPIRY_SECONDS}). */
    default String urlFor(String key) {
        return urlFor(key, null);
    }

    /** Throws {@link StorageUnavailableException} with the reason when the store cannot be used now. */
    void checkReachable();
}
