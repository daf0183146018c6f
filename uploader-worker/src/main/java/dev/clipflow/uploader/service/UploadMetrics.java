package dev.clipflow.uploader.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** What the uploader did, for dashboards: nothing of it is logged on success. */
@ApplicationScoped
public class UploadMetrics {

    private final MeterRegistry registry;
    private final Counter puts;
    private final Counter retries;
    private final Counter failedAttempts;
    private final Counter filesUploaded;
    private final Counter filesAlreadyStored;
    private final Counter bytes;
    private final Counter lateWritesRemoved;
    private final Timer fileSeconds;

    public UploadMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.puts = Counter.builder("clipflow.upload.puts").description("PUTs sent to the store, retries included")
                .register(registry);
        this.retries = Counter.builder("clipflow.upload.retries").description("Attempts that followed a failed one")
                .register(registry);
        this.failedAttempts = Counter.builder("clipflow.upload.attempt.failures")
                .description("Attempts to store a file that failed, retried or not").register(registry);
        this.filesUploaded = Counter.builder("clipflow.upload.files").tag("result", "uploaded").register(registry);
        this.filesAlreadyStored = Counter.builder("clipflow.upload.files").tag("result", "already_stored")
                .register(registry);
        this.bytes = Counter.builder("clipflow.upload.bytes").baseUnit("bytes").register(registry);
        this.lateWritesRemoved = Counter.builder("clipflow.upload.late.writes.removed")
                .description("Objects a cancelled job's stopped upload stored after its deletion, removed since")
                .register(registry);
        this.fileSeconds = Timer.builder("clipflow.upload.file.seconds").register(registry);
    }

    void put() {
        puts.increment();
    }

    void retry() {
        retries.increment();
    }

    void attemptFailed() {
        failedAttempts.increment();
    }

    void uploaded(long size, Duration took) {
        filesUploaded.increment();
        bytes.increment(size);
        fileSeconds.record(took);
    }

    void alreadyStored() {
        filesAlreadyStored.increment();
    }

    void lateWritesRemoved(int objects) {
        lateWritesRemoved.increment(objects);
    }

    /** {@code outcome}: stored, failed or skipped. */
    public void job(String outcome, Duration took) {
        registry.counter("clipflow.upload.jobs", "outcome", outcome).increment();
        registry.timer("clipflow.upload.job.seconds", "outcome", outcome).record(took);
    }
}
