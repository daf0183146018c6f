package dev.clipflow.uploader.service;

import dev.clipflow.contracts.events.JobRendered;
import dev.clipflow.contracts.events.JobRendered.RenderedArtifact;
import dev.clipflow.contracts.events.JobRendered.RenderedClip;
import dev.clipflow.contracts.layout.ArtifactKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendered job from start to outcome: stores it, announces the outcome on {@code upload-events}
 * (and waits for the broker's ack), and only then removes the stored job's work dir. Failed or
 * skipped jobs keep their work dir so they can be replayed; a job cancelled during its upload announces nothing
 * here: its deletion does, when the ordered consumer reaches the cancellation, and {@link LateWriteSweeper} deletes
 * what its stopped puts may still store.
 */
@ApplicationScoped
public class RenderedJobProcessor {

    private final JobUploader uploader;
    private final UploadEventsPublisher events;
    private final WorkDirCleaner cleaner;
    private final LateWriteSweeper sweeper;
    private final UploadMetrics metrics;

    public RenderedJobProcessor(JobUploader uploader, UploadEventsPublisher events, WorkDirCleaner cleaner,
            LateWriteSweeper sweeper, UploadMetrics metrics) {
        this.uploader = uploader;
        this.events = events;
        this.cleaner = cleaner;
        this.sweeper = sweeper;
        this.metrics = metrics;
    }

    public JobOutcome process(JobRendered event) {
        return process(List.of(event));
    }

    /**
     * Renderings of one job, oldest first (its own and its recuts', as a replay finds them parked together), go up as
     * one upload: every clip of each, then the newest metadata, which lists them all; each rendering's outcome is
     * announced under its own recut id. One by one, an older rendering's metadata, rewritten by a later recut, would
     * never match its checksum, and the metadata would be stored before the later clips it lists.
     */
    public JobOutcome process(List<JobRendered> renderings) {
        long started = System.nanoTime();
        JobRendered event = together(renderings);
        JobOutcome outcome = uploader.upload(event);
        if (outcome instanceof JobOutcome.Announced announced) {
            for (JobRendered rendering : renderings) {
                // the gateway tells a recut's upload apart by its recut id
                events.publish(announced.toEvent(Instant.now(), rendering.recutId()));
            }
        }
        if (outcome instanceof JobOutcome.Stored) {
            cleaner.stored(uploader.jobDir(event.jobId()));
        }
        if (outcome instanceof JobOutcome.Cancelled) {
            sweeper.stopped(event.jobId());
        }
        metrics.job(outcome.name(), Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    private static JobRendered together(List<JobRendered> renderings) {
        JobRendered newest = renderings.get(renderings.size() - 1);
        if (renderings.size() == 1) {
            return newest;
        }
        Map<String, RenderedArtifact> files = new LinkedHashMap<>();
        List<RenderedClip> clips = new ArrayList<>();
        for (JobRendered rendering : renderings) {
            rendering.artifacts().stream().filter(a -> a.kind() != ArtifactKind.METADATA).forEach(a -> files.put(a.file(), a));
            clips.addAll(rendering.clips());
        }
        newest.artifacts().stream().filter(a -> a.kind() == ArtifactKind.METADATA).forEach(a -> files.put(a.file(), a));
        return new JobRendered(newest.version(), newest.jobId(), newest.at(), newest.title(), newest.metadataKey(),
                List.copyOf(files.values()), clips, newest.captions(), newest.recutId());
    }
}
