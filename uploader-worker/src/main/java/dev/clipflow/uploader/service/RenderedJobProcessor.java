package dev.clipflow.uploader.service;

import dev.clipflow.contracts.events.JobRendered;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * One rendered job from start to outcome: stores it, announces the outcome on {@code upload-events}
 * (and waits for the broker's ack), and only then removes the stored job's work dir. Failed or
 * skipped jobs keep their work dir so they can be replayed; a job cancelled during its upload announces nothing
 * here: its deletion does, when the ordered consumer reaches the cancellation.
 */
@ApplicationScoped
public class RenderedJobProcessor {

    private final JobUploader uploader;
    private final UploadEventsPublisher events;
    private final WorkDirCleaner cleaner;
    private final UploadMetrics metrics;

    public RenderedJobProcessor(JobUploader uploader, UploadEventsPublisher events, WorkDirCleaner cleaner,
            UploadMetrics metrics) {
        this.uploader = uploader;
        this.events = events;
        this.cleaner = cleaner;
        this.metrics = metrics;
    }

    public JobOutcome process(JobRendered event) {
        long started = System.nanoTime();
        JobOutcome outcome = uploader.upload(event);
        if (outcome instanceof JobOutcome.Announced announced) {
            events.publish(announced.toEvent(Instant.now(), event.recutId())); // the gateway tells a recut's upload apart by it
        }
        if (outcome instanceof JobOutcome.Stored) {
            cleaner.stored(uploader.jobDir(event.jobId()));
        }
        metrics.job(outcome.name(), Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }
}
