package dev.clipflow.gateway.status;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.JobCancelled;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.events.JobFailed;
import dev.clipflow.contracts.events.JobProgress;
import dev.clipflow.contracts.captions.CaptionsStatus;
import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.events.JobRequested;
import dev.clipflow.contracts.events.JobRequested.Webhook;
import dev.clipflow.contracts.events.JobStarted;
import dev.clipflow.contracts.events.UploadFailed;
import dev.clipflow.contracts.events.UploadSkipped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the gateway knows of one job, folded from its events. Events of one job come from three
 * topics and may be read in any order across them, so every step only moves forward: a job never
 * goes back from completed/failed, progress never decreases, and a stored backup stays stored. A cancelled
 * job stays cancelled.
 */
public record JobState(
        String jobId,
        boolean requested,
        Status status,
        int progress,
        String stage,
        String errorCode,
        String errorMessage,
        String title,
        String metadataFile,
        List<RenderedClip> clips,
        Backup backup,
        JobRequested request,
        Instant createdAt,
        boolean retryable,
        CaptionsStatus captions) {

    public enum Status {
        QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isFinal() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    public enum Backup {
        PENDING, STORED, FAILED, SKIPPED, DELETED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public JobState {
        clips = clips == null ? List.of() : List.copyOf(clips);
    }

    public JobState(String jobId, boolean requested, Status status, int progress, String stage, String errorCode,
            String errorMessage, String title, String metadataFile, List<RenderedClip> clips, Backup backup,
            JobRequested request, Instant createdAt, boolean retryable) {
        this(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataFile, clips, backup,
                request, createdAt, retryable, null);
    }

    public static JobState unknown(String jobId) {
        return new JobState(jobId, false, Status.QUEUED, 0, "queued", null, null, null, null, List.of(), Backup.PENDING, null,
                null, false);
    }

    /** Where the job's outcome is posted, if the request named a webhook. */
    public Webhook webhook() {
        return request == null ? null : request.webhook();
    }

    /** A failed job whose reason may pass when tried again (the worker said so in its {@code JobFailed}). */
    public boolean canRetry() {
        return status == Status.FAILED && retryable && request != null;
    }

    public boolean isFinal() {
        return status.isFinal();
    }

    /** The state after {@code event}; {@code previous} may be null for a job not seen before. */
    public static JobState apply(JobState previous, ClipflowEvent event) {
        JobState s = previous == null ? unknown(event.jobId()) : previous;
        if (event instanceof JobCancelled) {
            return s.progressed(Status.CANCELLED, s.progress, "cancelled");
        }
        if (event instanceof ArtifactsDeleted) {
            return s.withBackup(Backup.DELETED);
        }
        if (s.status == Status.CANCELLED && !(event instanceof JobRequested)) {
            return s; // a cancelled job stays cancelled, whatever its worker or uploader still reports
        }
        if (event instanceof JobRequested r) {
            return new JobState(s.jobId, true, s.status, s.progress, s.stage, s.errorCode, s.errorMessage,
                    s.title != null ? s.title : r.title(), s.metadataFile, s.clips, s.backup, r, r.at(), s.retryable);
        }
        if (event instanceof JobStarted) {
            return s.isFinal() || s.status == Status.PROCESSING ? s : s.progressed(Status.PROCESSING, s.progress, "started");
        }
        if (event instanceof JobProgress p) {
            return s.isFinal() ? s : s.progressed(Status.PROCESSING, Math.max(s.progress, p.percent()),
                    p.stage() == null ? s.stage : p.stage());
        }
        if (event instanceof JobRendered r) {
            return new JobState(s.jobId, s.requested, Status.COMPLETED, 100, "completed", null, null, r.title(),
                    r.metadataFile(), r.clips(), s.backup, s.request, s.createdAt, false, r.captions());
        }
        if (event instanceof JobFailed f) {
            if (s.status == Status.COMPLETED) {
                return s;
            }
            Backup backup = s.backup == Backup.PENDING ? Backup.SKIPPED : s.backup;
            return new JobState(s.jobId, s.requested, Status.FAILED, s.progress, "failed", f.code(), f.message(),
                    s.title, s.metadataFile, s.clips, backup, s.request, s.createdAt, f.retryable());
        }
        if (event instanceof ArtifactsStored) {
            return s.withBackup(Backup.STORED);
        }
        if (event instanceof UploadFailed) {
            return s.backup == Backup.STORED ? s : s.withBackup(Backup.FAILED);
        }
        if (event instanceof UploadSkipped) {
            return s.backup == Backup.STORED ? s : s.withBackup(Backup.SKIPPED);
        }
        return s;
    }

    private JobState progressed(Status newStatus, int newProgress, String newStage) {
        return new JobState(jobId, requested, newStatus, newProgress, newStage, errorCode, errorMessage, title,
                metadataFile, clips, backup, request, createdAt, retryable);
    }

    private JobState withBackup(Backup newBackup) {
        return new JobState(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataFile,
                clips, newBackup, request, createdAt, retryable, captions);
    }
}
