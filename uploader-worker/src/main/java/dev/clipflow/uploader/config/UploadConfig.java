package dev.clipflow.uploader.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** How the uploader works; application.properties maps the environment names onto these. */
@ConfigMapping(prefix = "clipflow.upload")
public interface UploadConfig {

    /** {@code WORK_DIR}: where the clip-worker left {@code {job_id}/} folders. */
    Path workDir();

    /** {@code UPLOAD_MAX_ATTEMPTS}: tries per file before the job's upload is given up. */
    int maxAttempts();

    /**
     * First backoff delay; doubles after each failed attempt, give or take half the base (jitter). The defaults
     * (3 s, 5 attempts) ride out a storage outage of 30 s: the four waits add up to at least 39 s.
     */
    Duration backoffBase();

    /** Ceiling of one backoff delay. */
    Duration backoffMax();

    /**
     * {@code UPLOAD_WORK_DIR_RETENTION_SECONDS}: how long a job's work dir stays after all of it is
     * stored; 0 removes it at once.
     */
    Duration workDirRetention();

    /** {@code UPLOAD_KEEP_WORK_DIR=true} never removes work dirs (debugging). */
    boolean keepWorkDir();

    /**
     * {@code SOURCE_RETENTION_HOURS}: how long a job's uploaded source stays after the job ended (a recut reads it),
     * before {@code service/SourceRetention} deletes it.
     */
    Duration sourceRetention();

    /** How often the sweep of {@code service/SourceRetention} runs ({@code off}: never, as in tests). */
    String sourceSweepInterval();

    /**
     * When, after a cancellation stopped a job's upload, {@code service/LateWriteSweeper} deletes what the store
     * published of it late.
     */
    List<Duration> lateWriteSweeps();

    /**
     * How long a replay waits for Kafka to give the whole dead-letter topic before it answers 503 and replays nothing:
     * a partial read could miss a parked job.
     */
    Duration replayReadTimeout();
}
