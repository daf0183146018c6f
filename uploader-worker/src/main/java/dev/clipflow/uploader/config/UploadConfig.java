package dev.clipflow.uploader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How the uploader works; application.properties maps the environment names onto these. */
@ConfigMapping(prefix = "clipflow.upload")
public interface UploadConfig {

    /** {@code WORK_DIR}: where the clip-worker left {@code {job_id}/} folders. */
    Path workDir();

    /** {@code STORAGE_TYPE}: {@code local} or {@code s3}. */
    @WithDefault("local")
    String storageType();

    /** {@code UPLOAD_MAX_ATTEMPTS}: tries per file before the job's upload is given up. */
    @WithDefault("5")
    int maxAttempts();

    /**
     * First backoff delay; doubles after each failed attempt, with jitter. The defaults (3 s, 5
     * attempts) ride out a storage outage of 20 s: the four waits add up to at least 22.5 s.
     */
    @WithDefault("3s")
    Duration backoffBase();

    /** Ceiling of one backoff delay. */
    @WithDefault("60s")
    Duration backoffMax();

    /** {@code S3_MAX_CONCURRENCY}: files of one job stored at the same time. */
    @WithDefault("10")
    int maxConcurrency();

    /**
     * {@code UPLOAD_WORK_DIR_RETENTION_SECONDS}: how long a job's work dir stays after all of it is
     * stored; 0 removes it at once.
     */
    @WithDefault("0s")
    Duration workDirRetention();

    /** {@code UPLOAD_KEEP_WORK_DIR=true} never removes work dirs (debugging). */
    @WithDefault("false")
    boolean keepWorkDir();

    /**
     * {@code SOURCE_RETENTION_HOURS}: how long a job's uploaded source stays after the job ended (a recut reads it),
     * before {@code service/SourceRetention} deletes it.
     */
    Duration sourceRetention();

    /** How often the sweep of {@code service/SourceRetention} runs ({@code off}: never, as in tests). */
    String sourceSweepInterval();

    /** Static keys from configuration count as credentials. */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();
}
