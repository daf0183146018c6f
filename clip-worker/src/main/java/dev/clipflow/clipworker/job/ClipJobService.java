package dev.clipflow.clipworker.job;

import dev.clipflow.clipworker.JobFailure;
import dev.clipflow.clipworker.captions.CaptionSource;
import dev.clipflow.clipworker.captions.JobCaptions;
import dev.clipflow.clipworker.config.ClipWorkerConfig;
import dev.clipflow.clipworker.media.MediaProber;
import dev.clipflow.clipworker.media.ProbedMedia;
import dev.clipflow.clipworker.media.WorkerStoppingException;
import dev.clipflow.clipworker.render.JobRenderer;
import dev.clipflow.clipworker.render.JobWorkspace;
import dev.clipflow.clipworker.render.ProgressThrottle;
import dev.clipflow.clipworker.retry.DoublingRetries;
import dev.clipflow.clipworker.selection.ExplicitRangeSelector;
import dev.clipflow.clipworker.selection.MomentSelector.Selection;
import dev.clipflow.clipworker.selection.MomentSelector;
import dev.clipflow.clipworker.selection.PlannedClip;
import dev.clipflow.clipworker.selection.SpeechEdges;
import dev.clipflow.clipworker.source.SourceFetcher;
import dev.clipflow.clipworker.source.SourceFile;
import dev.clipflow.contracts.cancellation.CancelledJobs;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.ClipsRequested;
import dev.clipflow.contracts.events.FailureCode;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.metadata.JobMetadata;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ObjectInfo;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One job from request to outcome event: fetch, probe, select, render, then {@code JobRendered}
 * (or {@code JobFailed} with a reason code). A job already rendered by an earlier delivery only gets
 * its {@code JobRendered} again. A cancelled job is stopped wherever it is (its ffmpeg killed), its work
 * folder removed, and ends with the worker's {@code JobCancelled} instead of an outcome.
 * <p>
 * A recut ({@code ClipsRequested}) of a completed job renders its ranges from the job's kept source, numbered after
 * every clip the job's {@code JobRendered} events on {@code clip-events} announced, into the job's stored metadata;
 * it ends with a {@code JobRendered} or {@code JobFailed} carrying its recut id, and one already ended is skipped.
 */
@ApplicationScoped
public class ClipJobService {

    /** How long a recut waits for the upload of the job's earlier clips (an earlier recut's) to finish. */
    private static final Duration EARLIER_UPLOAD_WAIT = Duration.ofMinutes(10);

    private final ClipEvents events;
    private final JobHistory history;
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
    private final Guard earlierUploadWait;
    private final ArtifactStore store;
    private final ExplicitRangeSelector explicitRanges;
    /** Recuts of one job are numbered one after the other; jobs hashed onto a stripe wait for each other. */
    private final Object[] recutStripes = new Object[64];

    public ClipJobService(ClipEvents events, JobHistory history, SourceFetcher fetcher, MediaProber prober, MomentSelector selector,
            JobRenderer renderer, ClipWorkerConfig config, MeterRegistry registry, CancelledJobs cancelled,
            CaptionSource captionSource, ArtifactStore store, ExplicitRangeSelector explicitRanges) {
        this.store = store;
        this.explicitRanges = explicitRanges;
        for (int i = 0; i < recutStripes.length; i++) {
            recutStripes[i] = new Object();
        }
        this.cancelled = cancelled;
        this.captionSource = captionSource;
        this.events = events;
        this.history = history;
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
        this.transientRetries = DoublingRetries.of(config.worker().transientAttempts(),
                config.worker().transientBackoff(), StorageUnavailableException.class);
        this.earlierUploadWait = Guard.create()
                .withRetry()
                .maxRetries(-1)
                .delay(500, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(EARLIER_UPLOAD_WAIT.toMillis(), ChronoUnit.MILLIS)
                .retryOn(EarlierClipsPending.class)
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
        int crashes = history.startsOf(job);
        if (crashes >= config.worker().maxCrashes()) {
            removeJobFolder(workspace.dir());
            events.sendAndAwait(JobFailed.now(job.jobId(), FailureCode.WORKER_CRASHED, "the job was started " + crashes
                    + " times and each time its worker stopped before the job ended; it is not tried again", false));
            count("failed", FailureCode.WORKER_CRASHED);
            return;
        }
        events.sendAndAwait(JobStarted.now(job.jobId(), workerName));
        try (CancelledJobs.Working rendering = cancelled.working(job.jobId())) {
            render(job, workspace);
        } catch (RuntimeException e) {
            // the interrupted step may have made anything of its interrupt: a stop, a failure, a refused outcome
            if (!cancelled.isCancelled(job.jobId())) {
                throw e;
            }
            stopped(job, workspace);
        }
    }

    /**
     * A recut: skipped when the job is deleted or the recut already ended (a redelivery after its outcome), else
     * rendered after the job's clips as its stored metadata lists them.
     */
    public void process(ClipsRequested recut) {
        String jobId = recut.jobId();
        if (cancelled.isCancelled(jobId)) {
            count("cancelled", "none"); // the job is deleted: nothing to add clips to
            return;
        }
        synchronized (recutStripes[Math.floorMod(jobId.hashCode(), recutStripes.length)]) {
            Optional<JobMetadata> stored;
            try {
                stored = storedMetadata(jobId);
            } catch (StorageUnavailableException e) {
                events.sendAndAwait(JobFailed.recut(jobId, recut.recutId(), FailureCode.STORAGE_UNAVAILABLE,
                        "storage stayed unavailable: " + e.getMessage(), true));
                count("failed", FailureCode.STORAGE_UNAVAILABLE);
                throw e;
            }
            if (stored.isEmpty()) {
                events.sendAndAwait(JobFailed.recut(jobId, recut.recutId(), FailureCode.STORAGE_UNAVAILABLE,
                        "the job has no metadata in storage to add clips to", true));
                count("failed", FailureCode.STORAGE_UNAVAILABLE);
                return;
            }
            List<ClipflowEvent> past = history.eventsOf(jobId, stored.get().createdAt());
            if (past.stream().anyMatch(e -> recut.recutId().equals(recutIdOf(e)))) {
                count("rendered", "already_rendered");
                return;
            }
            Set<String> announced = past.stream().filter(JobRendered.class::isInstance)
                    .flatMap(e -> ((JobRendered) e).clips().stream()).map(RenderedClip::file)
                    .collect(Collectors.toSet());
            JobMetadata earlier = stored.get();
            JobRequested job = new JobRequested(ClipflowEvent.CURRENT_VERSION, jobId, recut.at(), earlier.title(),
                    recut.source(), recut.clips(), null,
                    recut.outputFormat() != null ? recut.outputFormat() : earlier.outputFormat(), recut.layout(), null,
                    recut.captions());
            JobWorkspace workspace = new JobWorkspace(config.workDir(), jobId, earlier.title());
            try (CancelledJobs.Working rendering = cancelled.working(jobId)) {
                render(job, workspace, recut, () -> new JobRenderer.Recut(recut.recutId(), storedWith(jobId, earlier, announced)));
            } catch (RuntimeException e) {
                if (!cancelled.isCancelled(jobId)) {
                    throw e;
                }
                stopped(job, workspace);
            }
        }
    }

    private void render(JobRequested job, JobWorkspace workspace) {
        render(job, workspace, null, null);
    }

    /**
     * {@code request} and {@code recutOf} are null for the job's own rendering; a recut's numbering is asked for inside
     * the failure handling, so a wait that runs out ends the recut with its reason code.
     */
    private void render(JobRequested job, JobWorkspace workspace, ClipsRequested request,
            Supplier<JobRenderer.Recut> recutOf) {
        JobRenderer.Recut recut = null;
        try {
            recut = recutOf == null ? null : recutOf.get();
            workspace.removeTemporaries();
            SourceFile source = retryingTransient(SourceFile.class, () -> fetcher.fetch(job, workspace));
            ProbedMedia media = prober.probe(source.path());
            JobCaptions captions = retryingTransient(JobCaptions.class,
                    () -> captionSource.load(job, source.path(), media, workspace.dir()));
            Selection selection = recut == null ? selector.select(job, source.path(), media)
                    : numberedAfter(explicitRanges.select(job, source.path(), media), recut.clipsBefore());
            if (!job.hasExplicitClips() && captions.present()) {
                selection = SpeechEdges.adjust(selection, captions.captions(),
                        job.auto() != null ? job.auto() : JobRequested.AutoSelection.DEFAULT, media.durationSeconds());
            }
            // A recut's job is completed already: its status shows no progress bar, so none is sent.
            ProgressThrottle progress = new ProgressThrottle(recut != null ? percent -> { }
                    : percent -> events.sendQuietly(JobProgress.now(job.jobId(), percent, "rendering")),
                    config.worker().progressInterval().toMillis());
            JobRenderer.Outcome outcome = renderer.render(job, workspace, source.path(), media, selection, captions,
                    recut, progress::offer);
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
            // A failed recut leaves the job as it was: only the recut's own files go.
            if (request == null) {
                removeJobFolder(workspace.dir());
            } else {
                removeRecutFiles(workspace, job, recut);
            }
            events.sendAndAwait(failed(job, request, failure.code(), failure.getMessage(), failure.retryable()));
            count("failed", failure.code());
        } catch (StorageUnavailableException e) {
            refuseIfCancelled(job);
            workspace.removeTemporaries();
            events.sendAndAwait(failed(job, request, FailureCode.STORAGE_UNAVAILABLE,
                    "storage stayed unavailable: " + e.getMessage(), true));
            count("failed", FailureCode.STORAGE_UNAVAILABLE);
            throw e;
        }
    }

    private static JobFailed failed(JobRequested job, ClipsRequested request, String code, String message,
            boolean retryable) {
        return request == null ? JobFailed.now(job.jobId(), code, message, retryable)
                : JobFailed.recut(job.jobId(), request.recutId(), code, message, retryable);
    }

    /** The job's metadata object as stored: the uploader writes it last, once all of the job's clips are stored. */
    @SuppressWarnings("unchecked")
    private Optional<JobMetadata> storedMetadata(String jobId) {
        return retryingTransient(Optional.class, () -> readStoredMetadata(jobId));
    }

    private Optional<JobMetadata> readStoredMetadata(String jobId) {
        Optional<String> key;
        try (Stream<ObjectInfo> found = store.list(ObjectKeys.jobPrefix(jobId), ObjectKeys.METADATA_SUFFIX)) {
            key = found.map(ObjectInfo::key).findFirst();
        }
        return key.map(k -> ClipflowJson.decodeMetadata(store.getBytes(k)));
    }

    /**
     * The stored metadata once it lists every clip the job's {@code JobRendered} events announced: an earlier recut
     * still being uploaded is waited for, or its clips would be missing from the metadata this recut writes.
     */
    private JobMetadata storedWith(String jobId, JobMetadata stored, Set<String> announced) {
        if (lists(stored, announced)) {
            return stored;
        }
        try {
            return guarded(earlierUploadWait, JobMetadata.class, () -> {
                JobMetadata now = storedMetadata(jobId).orElse(stored);
                if (!lists(now, announced)) {
                    throw new EarlierClipsPending();
                }
                return now;
            });
        } catch (EarlierClipsPending e) {
            throw new JobFailure(FailureCode.STORAGE_UNAVAILABLE, "the job's earlier clips were not all in storage after "
                    + EARLIER_UPLOAD_WAIT.toMinutes() + " minutes; try the recut again once they are", true);
        }
    }

    private static boolean lists(JobMetadata metadata, Set<String> files) {
        return metadata.shorts().stream().map(JobMetadata.MetadataClip::file).collect(Collectors.toSet()).containsAll(files);
    }

    /** The recut's ranges as clips numbered after the job's {@code before} clips. */
    private static Selection numberedAfter(Selection selection, int before) {
        return new Selection(selection.method(), selection.requested(), selection.clips().stream()
                .map(c -> new PlannedClip(c.number() + before, c.start(), c.end(), c.title(), c.tiktokDesc(), c.instaDesc(),
                        c.predictedScore(), c.reason()))
                .toList(), selection.note());
    }

    /** What a failed recut left: its clips' files (numbered after the job's), never the job's own. */
    private static void removeRecutFiles(JobWorkspace workspace, JobRequested job, JobRenderer.Recut recut) {
        workspace.removeTemporaries();
        if (recut == null) {
            return;
        }
        for (int n = recut.clipsBefore() + 1; n <= recut.clipsBefore() + job.clips().size(); n++) {
            JobWorkspace.deleteQuietly(workspace.clip(n));
            JobWorkspace.deleteQuietly(workspace.thumbnail(n));
            JobWorkspace.deleteQuietly(workspace.subtitles(n, "srt"));
            JobWorkspace.deleteQuietly(workspace.subtitles(n, "vtt"));
        }
    }

    private static String recutIdOf(ClipflowEvent event) {
        return event instanceof JobRendered r ? r.recutId() : event instanceof JobFailed f ? f.recutId() : null;
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

    /** The stored metadata does not list every clip announced yet: an earlier upload is still going on. */
    private static final class EarlierClipsPending extends RuntimeException {
        EarlierClipsPending() {
            super("earlier clips pending", null, false, false);
        }
    }

    /** Storage trouble is retried with doubling pauses; the last failure goes up to the dead-letter topic. */
    private <T> T retryingTransient(Class<T> type, Supplier<T> step) {
        return guarded(transientRetries, type, step);
    }

    private static <T> T guarded(Guard guard, Class<T> type, Supplier<T> step) {
        try {
            return guard.get(step, type);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception interrupted) {
            // The guard rethrows the InterruptedException of a pause cut short: the worker is stopping.
            Thread.currentThread().interrupt();
            throw new WorkerStoppingException();
        }
    }

    private static JobRendered withNow(JobRendered event) {
        return new JobRendered(event.version(), event.jobId(), Instant.now(), event.title(), event.metadataKey(),
                event.artifacts(), event.clips(), event.captions(), event.recutId());
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
