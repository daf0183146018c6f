package dev.clipflow.gallery.messaging;

import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.gallery.index.GalleryIndex;
import dev.clipflow.store.StorageException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code upload-events}: an {@code ArtifactsStored} adds its job to the index at once, an {@code ArtifactsDeleted}
 * removes it at once. Every replica reads every event (a consumer group of its own). Other event types
 * (and records that are not events) are ignored. When storage cannot be read, the index is marked stale so
 * the next scheduled check refreshes it; the event is not retried by itself.
 */
@ApplicationScoped
public class UploadEventsConsumer {

    private static final Logger LOG = Logger.getLogger(UploadEventsConsumer.class);

    private final GalleryIndex index;

    public UploadEventsConsumer(GalleryIndex index) {
        this.index = index;
    }

    @Incoming("upload-events")
    @Blocking(ordered = false)
    public void onEvent(ClipflowEvent event) {
        if (event instanceof ArtifactsDeleted deleted) {
            index.remove(deleted.jobId());
            return;
        }
        if (!(event instanceof ArtifactsStored stored)) {
            return;
        }
        try {
            long started = System.nanoTime();
            index.add(stored);
            LOG.debugf("job %s from ArtifactsStored indexed in %d ms", stored.jobId(), (System.nanoTime() - started) / 1_000_000);
        } catch (StorageException e) {
            LOG.warnf("Cannot read the metadata of job %s now, the next refresh will: %s", stored.jobId(), e.getMessage());
            index.markStale();
        }
    }
}
