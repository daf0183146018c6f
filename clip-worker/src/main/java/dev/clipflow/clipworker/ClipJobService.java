package dev.clipflow.clipworker;

import dev.clipflow.clipworker.captions.CaptionSource;
import dev.clipflow.clipworker.captions.JobCaptions;
import dev.clipflow.clipworker.config.ClipWorkerConfig;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.WorkerStoppingException;
import dev.clipflow.clipworker.messaging.ClipEvents;
import dev.clipflow.clipworker.messaging.EarlierStarts;
import dev.clipflow.clipworker.render.JobRenderer;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.clipworker.render.ProgressThrottle;
import dev.clipflow.clipworker.selection.MomentSelector;
import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.clipworker.selection.SpeechEdges;
import dev.clipflow.clipworker.source.SourceFetcher;
import dev.clipflow.clipworker.source.SourceFile;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.store.StorageUnavailableException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One job from request to outcome event: fetch, probe, select, render, then {@code JobRendered}
 * (or {@code JobFailed} with a reason code). A job already rendered by an earlier delivery only gets
 * its {@code JobRendered} again. A cancelled job is stopped wherever it is (its ffmpeg killed), its work
 * folder removed, and ends with the worker's {@code JobCancelled} instead of an outcome.
 */
@ApplicationScoped
public class ClipJobService {

    private final ClipEvents events;
    private final EarlierStarts earlierStarts;
    private final SourceFetcher fetcher;
    private final MediaProber prober;
    private final MomentSelector selector;
    private final JobRenderer renderer;
    private final ClipWorkerConfig config;
    private final MeterRegistry registry;
    private final Timer renderTime;
    private final DistributionSummary realtimeFactor;
    private final String workerName;
    private final CancelledJobs cancelled;
    private final CaptionSource captionSource;
    private final Guard transientRetries;

    public ClipJobService(ClipEvents events, EarlierStarts earlierStarts, SourceFetcher fetcher, MediaProber prober, MomentSelector selector,
            JobRenderer renderer, ClipWorkerConfig config, MeterRegistry registry, CancelledJobs cancelled,
            CaptionSource captionSource) {
        this.cancelled = cancelled;
        this.captionSource = captionSource;
        this.events = events;
        this.earlierStarts = earlierStarts;
        this.fetcher = fetcher;
        this.prober = prober;
        this.selector = selector;
        this.renderer = renderer;
        this.config = config;
        this.registry = registry;
        this.renderTime = Timer.builder("clipflow.clip.render").description("Wall time of rendering a job's clips and their posters")
                .register(registry);
        this.realtimeFactor = DistributionSummary.builder("clipflow.clip.realtime.factor")
                .description("Output seconds rendered per wall-clock second").register(registry);
        String host = System.getenv("HOSTNAME");
        this.workerName = host == null || host.isBlank() ? "clip-worker" : host;
        this.transientRetries = Guard.create()
                .withRetry()
                .maxRetries(config.worker().transientAttempts() - 1)
                .delay(config.worker().transientBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(1, ChronoUnit.DAYS)
                .retryOn(StorageUnavailableException.class)
                .withExponentialBackoff().factor(2).maxDelay(1, ChronoUnit.HOURS).done()
                .done()
                .build();
    }

    public void process(JobRequested job) {
        JobWorkspace workspace = new JobWorkspace(config.workDir(), job.jobId(), job.title());
        if (cancelled.isCancelled(job.jobId())) {
            stopped(job, workspace); // cancelled while queued: never rendered
            return;
        }
        Optional<JobRendered> earlier = renderer.completed(job, workspace);
        if (earlier.isPresent()) {
            events.sendAndAwait(earlier.get());
            count("rendered", "already_rendered");
            return;
        }
        int crashes = earlierStarts.of(job);
        if (crashes >= config.worker().maxCrashes()) {
            removeJobFolder(workspace.dir());
            events.sendAndAwait(JobFailed.now(job.jobId(), FailureCode.WORKER_CRASHED, "the job was started " + crashes
                    + " times and each time its worker stopped before the job ended; it is not tried again", false));
            count("failed", FailureCode.WORKER_CRASHED);
            return;
        }
        events.sendAndAwait(JobStarted.now(job.jobId(), workerName));
        try (CancelledJobs.Rendering rendering = cancelled.rendering(job.jobId())) {
            render(job, workspace);
        } catch (RuntimeException e) {
            // the interrupted step may have made anything of its interrupt: a stop, a failure, a refused outcome
            if (!cancelled.isCancelled(job.jobId())) {
                throw e;
            }
            stopped(job, workspace);
        }
    }

    private void render(JobRequested job, JobWorkspace workspace) {
        try {
            workspace.removeTemporaries();
            SourceFile source = retryingTransient(SourceFile.class, () -> fetcher.fetch(job, workspace));
            ProbedMedia media = prober.probe(source.path());
            JobCaptions captions = retryingTransient(JobCaptions.class,
                    () -> captionSource.load(job, source.path(), media, workspace.dir()));
            Selection selection = selector.select(job, source.path(), media);
            if (!job.hasExplicitClips() && captions.present()) {
                selection = SpeechEdges.adjust(selection, captions.captions(),
                        job.auto() != null ? job.auto() : JobRequested.AutoSelection.DEFAULT, media.durationSeconds());
            }
            ProgressThrottle progress = new ProgressThrottle(
                    percent -> events.sendQuietly(JobProgress.now(job.jobId(), percent, "rendering")),
                    config.worker().progressInterval().toMillis());
            JobRenderer.Outcome outcome = renderer.render(job, workspace, source.path(), media, selection, captions,
                    progress::offer);
            source.release();
            refuseIfCancelled(job);
            if (outcome.clipsRendered() > 0) {
                renderTime.record(Duration.ofNanos((long) (outcome.renderWallSeconds() * 1e9)));
                realtimeFactor.record(outcome.realtimeFactor());
            }
            events.sendAndAwait(withNow(outcome.event()));
            count("rendered", "none");
        } catch (JobFailure failure) {
            refuseIfCancelled(job);
            // A failed job is final: nothing of it is uploaded, so nothing of it stays on the shared disk.
            removeJobFolder(workspace.dir());
            events.sendAndAwait(JobFailed.now(job.jobId(), failure.code(), failure.getMessage(), failure.retryable()));
            count("failed", failure.code());
        } catch (StorageUnavailableException e) {
            refuseIfCancelled(job);
            workspace.removeTemporaries();
            events.sendAndAwait(JobFailed.now(job.jobId(), FailureCode.STORAGE_UNAVAILABLE,
                    "storage stayed unavailable: " + e.getMessage(), true));
            count("failed", FailureCode.STORAGE_UNAVAILABLE);
            throw e;
        }
    }

    /** A cancelled job gets no outcome event: it stops here, whatever it got to. */
    private void refuseIfCancelled(JobRequested job) {
        if (cancelled.isCancelled(job.jobId())) {
            throw new JobCancelledException();
        }
    }

    /** A cancelled job leaves nothing on the shared disk, and the worker says it stopped. */
    private void stopped(JobRequested job, JobWorkspace workspace) {
        removeJobFolder(workspace.dir());
        events.sendAndAwait(JobCancelled.now(job.jobId(), workerName));
        count("cancelled", "none");
    }

    private static final class JobCancelledException extends RuntimeException {
        JobCancelledException() {
            super("cancelled", null, false, false);
        }
    }

    /** Storage trouble is retried with doubling pauses; the last failure goes up to the dead-letter topic. */
    private <T> T retryingTransient(Class<T> type, Supplier<T> step) {
        try {
            return transientRetries.get(step, type);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception interrupted) {
            // The guard rethrows the InterruptedException of a pause cut short: the worker is stopping.
            Thread.currentThread().interrupt();
            throw new WorkerStoppingException();
        }
    }

    private static JobRendered withNow(JobRendered event) {
        return new JobRendered(event.version(), event.jobId(), Instant.now(), event.title(), event.metadataFile(),
                event.artifacts(), event.clips(), event.captions());
    }

    private void count(String outcome, String code) {
        registry.counter("clipflow.clip.jobs", "outcome", outcome, "code", code).increment();
    }

    private static void removeJobFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(JobWorkspace::deleteQuietly);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // left for the next run of the job or the work dir's cleanup
        }
    }
}
