package dev.clipflow.uploader.service;

import dev.clipflow.contracts.cancellation.CancelledJobs;
import dev.clipflow.contracts.events.ArtifactsStored.StoredArtifact;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.store.config.StorageConfig;
import dev.clipflow.uploader.config.UploadConfig;
import dev.clipflow.uploader.service.FileUploader.FileResult;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores every artifact of a rendered job: clips and thumbnails in parallel (at most
 * {@code S3_MAX_CONCURRENCY} at a time), then, only when all of them are confirmed stored, the
 * metadata document, so a reader never finds a metadata object whose clips are missing. A cancellation of the job
 * (see {@link CancelledJobs}) interrupts the threads storing its files and the metadata is not written.
 */
@ApplicationScoped
public class JobUploader {

    private final UploadConfig config;
    private final StorageAccess access;
    private final FileUploader files;
    private final CancelledJobs cancelled;
    private final ExecutorService pool;

    public JobUploader(UploadConfig config, StorageConfig storage, StorageAccess access, FileUploader files,
            CancelledJobs cancelled) {
        this.config = config;
        this.access = access;
        this.files = files;
        this.cancelled = cancelled;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, storage.s3().maxConcurrency()), r -> {
            Thread t = new Thread(r, "upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public JobOutcome upload(JobRendered event) {
        if (!access.uploadsEnabled()) {
            return new JobOutcome.Skipped(event.jobId(), StorageAccess.NO_CREDENTIALS);
        }
        UploadPlan plan;
        try {
            plan = UploadPlan.of(event, config.workDir());
        } catch (RefusedArtifactException refused) {
            return new JobOutcome.Failed(event.jobId(), refused.files(), refused.getMessage(), 0);
        }
        // Every file's task ends soon after a cancellation, so waiting for all of them means no put of the job is
        // left running when the ordered consumer goes on to delete it.
        List<CompletableFuture<FileResult>> running = plan.media().stream()
                .map(file -> CompletableFuture.supplyAsync(() -> store(plan.jobId(), file), pool))
                .toList();
        List<FileResult> results = new ArrayList<>(running.stream().map(CompletableFuture::join).toList());
        if (!cancelled.isCancelled(plan.jobId()) && results.stream().allMatch(FileResult::succeeded)) {
            results.add(store(plan.jobId(), plan.metadata()));
        }
        if (cancelled.isCancelled(plan.jobId())) {
            return new JobOutcome.Cancelled(plan.jobId());
        }
        List<FileResult> failed = results.stream().filter(r -> !r.succeeded()).toList();
        if (!failed.isEmpty()) {
            return failure(plan, failed);
        }
        List<StoredArtifact> objects = results.stream()
                .map(r -> new StoredArtifact(r.file().key(), r.stored().size(), r.stored().etag()))
                .toList();
        return new JobOutcome.Stored(plan.jobId(), objects, plan.metadata().key());
    }

    /** One file, on the calling thread, which a cancellation of the job interrupts meanwhile. */
    private FileResult store(String jobId, PlannedArtifact file) {
        try (CancelledJobs.Working storing = cancelled.working(jobId)) {
            return files.upload(file);
        }
    }

    public java.nio.file.Path jobDir(String jobId) {
        return config.workDir().resolve(jobId).toAbsolutePath().normalize();
    }

    private static JobOutcome.Failed failure(UploadPlan plan, List<FileResult> failed) {
        List<String> names = new ArrayList<>(failed.stream().map(r -> r.file().fileName()).toList());
        if (failed.stream().noneMatch(r -> r.file().equals(plan.metadata()))) {
            names.add(plan.metadata().fileName()); // never attempted: it only goes after every clip
        }
        FileResult first = failed.get(0);
        int attempts = failed.stream().mapToInt(FileResult::attempts).max().orElse(0);
        String reason = first.file().fileName() + ": " + describe(first.failure());
        return new JobOutcome.Failed(plan.jobId(), names, reason, attempts);
    }

    /** The first message of the failure or its causes, for an operator. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        while (cause != null && cause != failure && (message == null || message.isBlank())) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
