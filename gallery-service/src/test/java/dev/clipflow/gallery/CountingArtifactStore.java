package dev.clipflow.gallery;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ByteRange;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageType;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The real store, counting the object reads (GETs) and listings that go through it. */
public final class CountingArtifactStore implements ArtifactStore {

    private final ArtifactStore real;
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger lists = new AtomicInteger();

    public CountingArtifactStore(ArtifactStore real) {
        this.real = real;
    }

    public int gets() {
        return gets.get();
    }

    public int lists() {
        return lists.get();
    }

    public void resetCounts() {
        gets.set(0);
        lists.set(0);
    }

    @Override
    public StorageType type() {
        return real.type();
    }

    @Override
    public ObjectInfo put(String key, Path file, PutOptions options) {
        return real.put(key, file, options);
    }

    @Override
    public ObjectInfo put(String key, InputStream content, long length, PutOptions options) {
        return real.put(key, content, length, options);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return real.head(key);
    }

    @Override
    public InputStream get(String key) {
        gets.incrementAndGet();
        return real.get(key);
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        gets.incrementAndGet();
        return real.get(key, range);
    }

    @Override
    public byte[] getBytes(String key) {
        gets.incrementAndGet();
        return real.getBytes(key);
    }

    @Override
    public void delete(String key) {
        real.delete(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix, String suffix) {
        lists.incrementAndGet();
        return real.list(prefix, suffix);
    }

    @Override
    public String urlFor(String key, Duration lifetime) {
        return real.urlFor(key, lifetime);
    }

    @Override
    public void checkReachable() {
        real.checkReachable();
    }
}
