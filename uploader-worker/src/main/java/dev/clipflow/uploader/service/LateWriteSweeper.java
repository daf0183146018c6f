package dev.clipflow.uploader.service;

import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.uploader.config.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes, a few times over the next minute, what a cancelled job's stopped upload may still store. Stopping a put
 * stops only this side of it: a store that already received the whole object (or the rest of a body the HTTP client
 * was still sending) can publish it after the job's deletion listed the prefix, and the object would stay, under a job
 * that no longer exists (docs/architecture.md, Guarantees). Everything under a cancelled job's prefix goes, so a
 * sweep that finds nothing, or runs before the deletion itself, is harmless. The sweeps are kept in memory only; an
 * uploader that starts reads the last minute of cancellations again ({@code messaging/CancellationsRewind}) and
 * sweeps those jobs, so a kill within the minute leaves no object behind either.
 */
@ApplicationScoped
public class LateWriteSweeper {

    private static final Logger LOG = Logger.getLogger(LateWriteSweeper.class);

    private final ArtifactStore store;
    private final List<Duration> after;
    private final UploadMetrics metrics;
    private final Instant started = Instant.now();

    public LateWriteSweeper(ArtifactStore store, UploadConfig config, UploadMetrics metrics) {
        this.store = store;
        this.after = config.lateWriteSweeps();
        this.metrics = metrics;
    }

    /** The job's upload was stopped by its cancellation: sweep its prefix at each configured delay from now. */
    public void stopped(String jobId) {
        String prefix = ObjectKeys.jobPrefix(jobId);
        after.forEach(delay -> sweepAfter(prefix, delay));
    }

    /**
     * The job was cancelled at {@code at}. If that was before this uploader started, the uploader before it may have
     * stopped a put of the job and died before its sweeps: sweep now, and at each configured delay from {@code at}
     * still to come. A cancellation read since the start is left to {@link #stopped}, which knows whether a put stopped.
     */
    public void cancelled(String jobId, Instant at) {
        if (!at.isBefore(started)) {
            return;
        }
        String prefix = ObjectKeys.jobPrefix(jobId);
        sweepAfter(prefix, Duration.ZERO);
        Instant now = Instant.now();
        after.stream().map(delay -> Duration.between(now, at.plus(delay))).filter(left -> left.compareTo(Duration.ZERO) > 0)
                .forEach(left -> sweepAfter(prefix, left));
    }

    /** How far back a start reads cancellations: the last sweep's delay. */
    public Duration window() {
        return after.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** A sweep blocks on the store. */
    private void sweepAfter(String prefix, Duration delay) {
        Deferred.run(() -> sweep(prefix), delay);
    }

    private void sweep(String prefix) {
        try {
            int removed = store.deleteAll(prefix);
            if (removed > 0) {
                metrics.lateWritesRemoved(removed);
                LOG.debugf("removed %d object(s) under %s stored after the job's cancellation", removed, prefix);
            }
        } catch (RuntimeException e) {
            // The next sweep, or a replay of the job's deletion, removes it; a store that stays away is reported by
            // the readiness check and the deletion's own dead letter.
            LOG.debugf(e, "sweep of %s failed", prefix);
        }
    }
}
