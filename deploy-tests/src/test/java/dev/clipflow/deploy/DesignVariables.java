package dev.clipflow.deploy;

import java.util.List;

/** The environment variables of the root README's configuration table, and those the services agreed on besides. */
final class DesignVariables {

    /** README.md, "Configuration". */
    static final List<String> DESIGN = List.of(
            "STORAGE_TYPE", "LOCAL_STORAGE_PATH",
            "AWS_S3_BUCKET", "S3_BUCKET_NAME",
            "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "S3_ENDPOINT", "S3_PATH_STYLE",
            "S3_SSE", "S3_SSE_KMS_KEY_ID",
            "S3_ACCELERATE",
            "S3_MULTIPART_THRESHOLD_MB", "S3_MULTIPART_CHUNK_MB", "S3_MAX_CONCURRENCY",
            "UPLOAD_MAX_ATTEMPTS",
            "PRESIGN_EXPIRY_SECONDS",
            "GALLERY_CACHE_TTL_SECONDS", "GALLERY_DEFAULT_LIMIT",
            "MAX_FILE_SIZE_MB",
            "KAFKA_BOOTSTRAP_SERVERS",
            "WORK_DIR",
            "FFMPEG_PATH", "FFPROBE_PATH",
            "API_KEYS");

    /** Agreed between the services beyond the table (gateway to gallery, worker tuning, URL policy, port). */
    static final List<String> AGREED = List.of(
            "GALLERY_URL", "CLIP_WORKER_CONCURRENCY", "SOURCE_URL_ALLOW_PRIVATE", "QUARKUS_HTTP_PORT");

    /** Read by the container image itself (run-java.sh of the UBI OpenJDK images, the locale), not by the application. */
    static final List<String> IMAGE = List.of("JAVA_OPTS_APPEND", "JAVA_APP_JAR", "JAVA_MAX_MEM_RATIO", "LANGUAGE");

    private DesignVariables() {
    }
}
