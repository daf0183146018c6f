package dev.clipflow.gallery.index;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Builds the index on start and keeps it fresh: a check every {@code check-interval} refreshes it in the
 * background once it is older than the TTL, or retries the first build while storage is unreachable.
 * One WARN when refreshing starts failing, one INFO when it works again.
 */
@ApplicationScoped
public class IndexScheduler {

    private static final Logger LOG = Logger.getLogger(IndexScheduler.class);

    private final GalleryIndex index;
    private volatile boolean failing;

    public IndexScheduler(GalleryIndex index) {
        this.index = index;
    }

    void onStart(@Observes StartupEvent start) {
        watch(index.refresh());
    }

    @Scheduled(every = "${clipflow.gallery.check-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (index.isStale()) {
            watch(index.refresh());
        }
    }

    private void watch(CompletableFuture<RefreshOutcome> refresh) {
        refresh.whenComplete((outcome, failure) -> {
            if (failure != null && !failing) {
                failing = true;
                LOG.warnf("Cannot refresh the gallery index, serving the last one and retrying: %s", rootMessage(failure));
            } else if (failure == null && failing) {
                failing = false;
                LOG.infof("Gallery index refreshed again: %d jobs", index.snapshot().jobCount());
            }
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
