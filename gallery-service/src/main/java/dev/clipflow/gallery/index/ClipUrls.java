package dev.clipflow.gallery.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.clipflow.gallery.config.GalleryConfig;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.config.StorageConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * URLs of stored objects: presigned GETs (S3) or relative {@code /storage/...} paths (local), from
 * {@link ArtifactStore#urlFor}. A URL is reused until less than {@code url-renew-when-remaining} of its
 * lifetime is left, then signed anew; at most {@code url-cache-size} are kept (least recently used go first).
 */
@ApplicationScoped
public class ClipUrls {

    private final ArtifactStore store;
    private final Duration lifetime;
    private final Cache<String, String> urls;
    private final Counter signed;

    public ClipUrls(ArtifactStore store, StorageConfig storage, GalleryConfig config, MeterRegistry registry) {
        this.store = store;
        // The store's own presign lifetime (PRESIGN_EXPIRY_SECONDS), so a cached URL is renewed before it expires.
        this.lifetime = Duration.ofSeconds(storage.presignExpirySeconds());
        long reuseNanos = (long) (lifetime.toNanos() * (1 - config.urlRenewWhenRemaining()));
        this.urls = Caffeine.newBuilder()
                .maximumSize(config.urlCacheSize())
                .expireAfter(Expiry.<String, String>creating((key, url) -> Duration.ofNanos(reuseNanos)))
                .build();
        this.signed = Counter.builder("clipflow.gallery.urls.signed")
                .description("URLs signed (cache misses); cached URLs are reused until shortly before they expire")
                .register(registry);
        Gauge.builder("clipflow.gallery.urls.cached", urls, Cache::estimatedSize)
                .description("Signed URLs held in the cache").register(registry);
    }

    public String urlFor(String key) {
        return urls.get(key, this::sign);
    }

    private String sign(String key) {
        signed.increment();
        return store.urlFor(key, lifetime);
    }
}
