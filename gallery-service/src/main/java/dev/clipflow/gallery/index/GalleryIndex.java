package dev.clipflow.gallery.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.gallery.config.GalleryConfig;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.NoSuchObjectException;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.StorageException;
import dev.clipflow.store.StorageUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The full index of every clip, built from the {@code *_metadata.json} objects in storage.
 *
 * <p>A refresh lists the metadata keys and reads only objects that are new or whose ETag (else
 * last-modified and size) changed; unchanged objects, and unreadable ones that did not change, cost no GET.
 * Objects gone from the listing drop out. Readers always see a complete immutable {@link IndexSnapshot}.
 * Only one refresh runs at a time; {@code ArtifactsStored} events add a job between refreshes.
 *
 * <p>A deleted job ({@code ArtifactsDeleted}) leaves at once and for good: its id is remembered, so neither an
 * {@code ArtifactsStored} of it handled a moment later (events are handled concurrently) nor a refresh that listed
 * storage before the delete brings it back. Job ids are never reused, so the memory only has to outlast those races.
 */
@ApplicationScoped
public class GalleryIndex {

    private static final Logger LOG = Logger.getLogger(GalleryIndex.class);

    private final ArtifactStore store;
    private final GalleryConfig config;
    private final ExecutorService readers;
    private final ExecutorService refresher;
    private final AtomicReference<CompletableFuture<RefreshOutcome>> inFlight = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    /** Unreadable metadata objects by key: not read again (nor warned about again) until they change. */
    private final Map<String, ObjectVersion> unreadable = new ConcurrentHashMap<>();
    /** Deleted job ids; a day is far longer than any refresh or event in flight. */
    private final Cache<String, Boolean> deletedJobs = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1)).maximumSize(1_000_000).build();
    private volatile IndexSnapshot snapshot = IndexSnapshot.EMPTY;
    private volatile long lastRefreshNanos;
    private volatile boolean built;
    private volatile boolean staleRequested;

    private final Timer refreshTimer;
    private final DistributionSummary getsPerRefresh;
    private final Counter metadataGets;
    private final Counter unreadableCounter;

    public GalleryIndex(ArtifactStore store, GalleryConfig config, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(config.readConcurrency(), task -> daemon(task, "gallery-read-" + threads.incrementAndGet()));
        this.refresher = Executors.newSingleThreadExecutor(task -> daemon(task, "gallery-refresh"));
        Gauge.builder("clipflow.gallery.index.jobs", this, index -> index.snapshot.jobCount())
                .description("Jobs in the gallery index").register(registry);
        Gauge.builder("clipflow.gallery.index.clips", this, index -> index.snapshot.clipCount())
                .description("Clips in the gallery index").register(registry);
        this.refreshTimer = Timer.builder("clipflow.gallery.index.refresh")
                .description("Time to list the store and read new or changed metadata objects").register(registry);
        this.getsPerRefresh = DistributionSummary.builder("clipflow.gallery.index.refresh.gets")
                .description("Metadata objects read (GET) by one refresh").register(registry);
        this.metadataGets = Counter.builder("clipflow.gallery.metadata.gets")
                .description("Metadata objects read, by refreshes and by upload events").register(registry);
        this.unreadableCounter = Counter.builder("clipflow.gallery.metadata.unreadable")
                .description("Metadata objects skipped because they cannot be parsed").register(registry);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    public IndexSnapshot snapshot() {
        return snapshot;
    }

    /** True once a refresh completed. */
    public boolean isBuilt() {
        return built;
    }

    public boolean isStale() {
        return !built || staleRequested
                || System.nanoTime() - lastRefreshNanos > Duration.ofSeconds(config.cacheTtlSeconds()).toNanos();
    }

    /** Starts a refresh in the background when the index is stale; readers keep the current snapshot. */
    public void refreshIfStale() {
        if (isStale()) {
            refresh();
        }
    }

    /** Asks for a refresh at the next check, e.g. after an event could not be applied. */
    public void markStale() {
        staleRequested = true;
    }

    /** The running refresh, or a new one. */
    public CompletableFuture<RefreshOutcome> refresh() {
        while (true) {
            CompletableFuture<RefreshOutcome> current = inFlight.get();
            if (current != null) {
                return current;
            }
            CompletableFuture<RefreshOutcome> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, mine)) {
                refresher.execute(() -> {
                    try {
                        mine.complete(refreshNow());
                    } catch (Throwable e) {
                        mine.completeExceptionally(e);
                    } finally {
                        inFlight.set(null);
                    }
                });
                return mine;
            }
        }
    }

    /** A refresh that starts after this call, so it sees every change made before it. */
    public CompletableFuture<RefreshOutcome> refreshFromNow() {
        long requested = System.nanoTime();
        return refresh().thenCompose(outcome -> outcome.startedNanos() - requested >= 0
                ? CompletableFuture.completedFuture(outcome) : refresh());
    }

    private RefreshOutcome refreshNow() throws InterruptedException {
        long started = System.nanoTime();
        long startGeneration = generation.get();
        staleRequested = false;
        IndexSnapshot before = snapshot;

        Map<String, ObjectInfo> listed = new LinkedHashMap<>();
        try (Stream<ObjectInfo> objects = store.list("", ObjectKeys.METADATA_SUFFIX)) {
            objects.filter(info -> ObjectKeys.isMetadataKey(info.key())).forEach(info -> listed.put(info.key(), info));
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            // the S3 backend lets an SDK error of the first page escape unmapped: it still means storage is unreadable
            throw new StorageUnavailableException("cannot list the metadata objects: " + e.getMessage(), e);
        }

        List<IndexedJob> kept = new ArrayList<>(listed.size());
        List<ObjectInfo> toRead = new ArrayList<>();
        for (ObjectInfo info : listed.values()) {
            IndexedJob known = before.byMetadataKey(info.key());
            ObjectVersion badVersion = unreadable.get(info.key());
            if (known != null && known.version().sameAs(info)) {
                kept.add(known);
            } else if (badVersion == null || !badVersion.sameAs(info)) {
                toRead.add(info);
            }
        }
        unreadable.keySet().retainAll(listed.keySet());

        List<Future<Optional<IndexedJob>>> reads = new ArrayList<>(toRead.size());
        for (ObjectInfo info : toRead) {
            reads.add(readers.submit(() -> read(info.key(), ObjectVersion.of(info), startGeneration)));
        }
        int unreadableBefore = unreadable.size();
        for (Future<Optional<IndexedJob>> read : reads) {
            try {
                read.get().ifPresent(kept::add);
            } catch (ExecutionException e) {
                reads.forEach(other -> other.cancel(true));
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }

        IndexSnapshot after = commitRefresh(kept, startGeneration);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        refreshTimer.record(took);
        getsPerRefresh.record(toRead.size());
        lastRefreshNanos = started;
        built = true;
        int removed = (int) before.entries().stream().filter(job -> !listed.containsKey(job.metadataKey())).count();
        LOG.debugf("gallery index refreshed in %d ms: %d metadata objects, %d read, %d removed, %d jobs, %d clips",
                took.toMillis(), listed.size(), toRead.size(), removed, after.jobCount(), after.clipCount());
        return new RefreshOutcome(listed.size(), toRead.size(), Math.max(0, unreadable.size() - unreadableBefore), removed, took, started);
    }

    /** Reads one metadata object; empty when it vanished meanwhile or cannot be parsed (one WARN per version). */
    private Optional<IndexedJob> read(String key, ObjectVersion version, long jobGeneration) {
        byte[] json;
        try {
            json = store.getBytes(key);
        } catch (NoSuchObjectException gone) {
            return Optional.empty();
        } finally {
            metadataGets.increment();
        }
        try {
            return Optional.of(MetadataReader.read(key, version, json, jobGeneration));
        } catch (MetadataReader.UnreadableMetadataException e) {
            unreadable.put(key, version);
            unreadableCounter.increment();
            LOG.warnf("Skipping metadata object '%s': %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Installs a refresh's result, keeping what events added or changed after the refresh began listing. */
    private synchronized IndexSnapshot commitRefresh(List<IndexedJob> refreshed, long startGeneration) {
        Map<String, IndexedJob> byKey = new HashMap<>(refreshed.size() * 2);
        refreshed.forEach(job -> byKey.put(job.metadataKey(), job));
        for (IndexedJob current : snapshot.entries()) {
            if (current.generation() > startGeneration) {
                byKey.put(current.metadataKey(), current);
            }
        }
        byKey.values().removeIf(job -> isDeleted(job.jobId()));
        snapshot = new IndexSnapshot(byKey.values());
        return snapshot;
    }

    /** Drops a deleted job now, and keeps it out of every later commit. */
    public synchronized void remove(String jobId) {
        deletedJobs.put(jobId.toLowerCase(Locale.ROOT), Boolean.TRUE);
        List<IndexedJob> entries = new ArrayList<>(snapshot.entries());
        if (entries.removeIf(job -> isDeleted(job.jobId()))) {
            snapshot = new IndexSnapshot(entries);
        }
    }

    private boolean isDeleted(String jobId) {
        return deletedJobs.getIfPresent(jobId.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * Adds (or updates) the job an {@code ArtifactsStored} event names, reading its metadata object now.
     * A re-delivered event whose ETag the index already has costs nothing.
     */
    public void add(ArtifactsStored event) {
        String key = event.metadataKey();
        if (!ObjectKeys.isMetadataKey(key) || !ObjectKeys.jobIdOf(key).map(event.jobId()::equalsIgnoreCase).orElse(false)) {
            LOG.warnf("Ignoring ArtifactsStored for job %s: '%s' is not a metadata object of that job", event.jobId(), key);
            return;
        }
        if (isDeleted(event.jobId())) {
            return;
        }
        IndexedJob known = snapshot.byMetadataKey(key);
        Optional<ArtifactsStored.StoredArtifact> described = event.objects().stream()
                .filter(object -> key.equals(object.key()) && object.etag() != null && !object.etag().isBlank()).findFirst();
        if (known != null && described.isPresent() && known.version().sameEtag(described.get().etag())) {
            return;
        }
        // the event names the object's ETag: no HEAD needed (a later replacement shows as a changed ETag)
        Optional<ObjectVersion> version = described.map(object -> new ObjectVersion(object.etag(), null, object.size()))
                .or(() -> store.head(key).map(ObjectVersion::of));
        if (version.isEmpty()) {
            return; // deleted since: the next refresh agrees
        }
        read(key, version.get(), 0).ifPresent(this::commitOne);
    }

    private synchronized void commitOne(IndexedJob job) {
        if (isDeleted(job.jobId())) {
            return;
        }
        List<IndexedJob> entries = new ArrayList<>(snapshot.entries());
        entries.removeIf(existing -> existing.metadataKey().equals(job.metadataKey()));
        entries.add(job.withGeneration(generation.incrementAndGet()));
        snapshot = new IndexSnapshot(entries);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
        readers.shutdownNow();
    }
}
