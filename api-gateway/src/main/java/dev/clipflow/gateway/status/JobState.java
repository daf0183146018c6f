package dev.clipflow.gateway.status;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.clipflow.contracts.events.ArtifactsDeleted;
import dev.clipflow.contracts.events.ArtifactsStored;
import dev.clipflow.contracts.events.ClipsRequested;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What the gateway knows of one job, folded from its events. Events of one job come from three
 * topics and may be read in any order across them, so every step only moves forward: a job never
 * goes back from completed/failed, progress never decreases, and a stored backup stays stored. A cancelled
 * job stays cancelled. A recut adds clips to a completed job and its outcome to {@code recuts}; a failed recut
 * leaves the job completed. An upload outcome with a {@code recut_id} is that recut's backup; without one (the
 * job's own, or a record older than recut ids) it is the job's {@code backup}.
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
        String metadataKey,
        List<RenderedClip> clips,
        Backup backup,
        JobRequested request,
        Instant createdAt,
        boolean retryable,
        CaptionsStatus captions,
        List<Recut> recuts) {

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

    /**
     * A recut of the completed job ({@code POST /jobs/{id}/clips}): queued until its worker's outcome; its clips are in
     * storage once {@code backup} is stored (its uploader's outcome), as the job's own are once the job's is.
     */
    public record Recut(String recutId, Status status, String errorCode, String errorMessage, Backup backup) {
        public Recut {
            backup = backup == null ? Backup.PENDING : backup;
        }

        static Recut queued(String recutId) {
            return new Recut(recutId, Status.QUEUED, null, null, Backup.PENDING);
        }

        /** Its worker's outcome; the first one stays (a redelivered recut is skipped by its worker). */
        Recut ended(Status outcome, String code, String message) {
            if (status.isFinal()) {
                return this;
            }
            Backup settled = outcome == Status.FAILED && backup == Backup.PENDING ? Backup.SKIPPED : backup;
            return new Recut(recutId, outcome, code, message, settled);
        }

        /** Its uploader's outcome; a stored backup stays stored, as the job's does. */
        Recut backedUp(Backup outcome) {
            return backup == Backup.STORED || backup == Backup.DELETED ? this
                    : new Recut(recutId, status, errorCode, errorMessage, outcome);
        }
    }

    public JobState {
        clips = clips == null ? List.of() : List.copyOf(clips);
        recuts = recuts == null ? List.of() : List.copyOf(recuts);
    }

    public JobState(String jobId, boolean requested, Status status, int progress, String stage, String errorCode,
            String errorMessage, String title, String metadataKey, List<RenderedClip> clips, Backup backup,
            JobRequested request, Instant createdAt, boolean retryable, CaptionsStatus captions) {
        this(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataKey, clips, backup,
                request, createdAt, retryable, captions, List.of());
    }

    public JobState(String jobId, boolean requested, Status status, int progress, String stage, String errorCode,
            String errorMessage, String title, String metadataKey, List<RenderedClip> clips, Backup backup,
            JobRequested request, Instant createdAt, boolean retryable) {
        this(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataKey, clips, backup,
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
            return s.withBackup(Backup.DELETED).withRecuts(r -> new Recut(r.recutId(), r.status(), r.errorCode(),
                    r.errorMessage(), Backup.DELETED));
        }
        if (s.status == Status.CANCELLED && !(event instanceof JobRequested)) {
            return s; // a cancelled job stays cancelled, whatever its worker or uploader still reports
        }
        if (event instanceof JobRequested r) {
            return new JobState(s.jobId, true, s.status, s.progress, s.stage, s.errorCode, s.errorMessage,
                    s.title != null ? s.title : r.title(), s.metadataKey, s.clips, s.backup, r, r.at(), s.retryable,
                    s.captions, s.recuts);
        }
        if (event instanceof ClipsRequested r) {
            return s.withRecut(r.recutId(), recut -> recut);
        }
        if (event instanceof JobRendered r && r.isRecut()) {
            JobState added = new JobState(s.jobId, s.requested, s.status, s.progress, s.stage, s.errorCode, s.errorMessage,
                    s.title, s.metadataKey, withClips(s.clips, r.clips()), s.backup, s.request, s.createdAt, s.retryable,
                    s.captions, s.recuts);
            return added.withRecut(r.recutId(), recut -> recut.ended(Status.COMPLETED, null, null));
        }
        if (event instanceof JobFailed f && f.isRecut()) {
            return s.withRecut(f.recutId(), recut -> recut.ended(Status.FAILED, f.code(), f.message()));
        }
        if (event instanceof ArtifactsStored a && a.isRecut()) {
            return s.withRecut(a.recutId(), recut -> recut.backedUp(Backup.STORED));
        }
        if (event instanceof UploadFailed u && u.isRecut()) {
            return s.withRecut(u.recutId(), recut -> recut.backedUp(Backup.FAILED));
        }
        if (event instanceof UploadSkipped u && u.isRecut()) {
            return s.withRecut(u.recutId(), recut -> recut.backedUp(Backup.SKIPPED));
        }
        if (event instanceof JobStarted) {
            return s.isFinal() || s.status == Status.PROCESSING ? s : s.progressed(Status.PROCESSING, s.progress, "started");
        }
        if (event instanceof JobProgress p) {
            return s.isFinal() ? s : s.progressed(Status.PROCESSING, Math.max(s.progress, p.percent()),
                    p.stage() == null ? s.stage : p.stage());
        }
        if (event instanceof JobRendered r) {
            // A recut's clips may have been read first (the topics are read in any order): they stay.
            return new JobState(s.jobId, s.requested, Status.COMPLETED, 100, "completed", null, null, r.title(),
                    r.metadataKey(), withClips(s.clips, r.clips()), s.backup, s.request, s.createdAt, false, r.captions(),
                    s.recuts);
        }
        if (event instanceof JobFailed f) {
            if (s.status == Status.COMPLETED) {
                return s;
            }
            Backup backup = s.backup == Backup.PENDING ? Backup.SKIPPED : s.backup;
            return new JobState(s.jobId, s.requested, Status.FAILED, s.progress, "failed", f.code(), f.message(),
                    s.title, s.metadataKey, s.clips, backup, s.request, s.createdAt, f.retryable(), s.captions, s.recuts);
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
                metadataKey, clips, backup, request, createdAt, retryable, captions, recuts);
    }

    private JobState withBackup(Backup newBackup) {
        return new JobState(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataKey,
                clips, newBackup, request, createdAt, retryable, captions, recuts);
    }

    /**
     * The recut's entry changed by {@code change}; a recut first seen by its outcome or its upload (the topics are read
     * in any order) starts queued, so each of its events moves it forward whichever comes first.
     */
    private JobState withRecut(String recutId, UnaryOperator<Recut> change) {
        List<Recut> updated = new ArrayList<>(recuts);
        int at = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).recutId().equals(recutId)) {
                at = i;
            }
        }
        if (at < 0) {
            updated.add(change.apply(Recut.queued(recutId)));
        } else {
            updated.set(at, change.apply(updated.get(at)));
        }
        return new JobState(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataKey,
                clips, backup, request, createdAt, retryable, captions, updated);
    }

    private JobState withRecuts(UnaryOperator<Recut> change) {
        return new JobState(jobId, requested, status, progress, stage, errorCode, errorMessage, title, metadataKey,
                clips, backup, request, createdAt, retryable, captions, recuts.stream().map(change).toList());
    }

    /** The clips of both, each file once, in clip order: a recut adds clips, a redelivery adds none. */
    private static List<RenderedClip> withClips(List<RenderedClip> known, List<RenderedClip> added) {
        Map<String, RenderedClip> byFile = new LinkedHashMap<>();
        known.forEach(c -> byFile.put(c.file(), c));
        added.forEach(c -> byFile.put(c.file(), c));
        return byFile.values().stream().sorted(Comparator.comparingInt(RenderedClip::number)).toList();
    }
}
