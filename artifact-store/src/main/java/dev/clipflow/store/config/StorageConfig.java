package dev.clipflow.store.config;

import dev.clipflow.store.StorageType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * Storage settings. The module's {@code META-INF/microprofile-config.properties} maps the
 * environment variables (STORAGE_TYPE, LOCAL_STORAGE_PATH, AWS_S3_BUCKET, ...) onto these names, below
 * the ordinal of a service's application.properties.
 */
@ConfigMapping(prefix = "clipflow.storage")
public interface StorageConfig {

    @WithDefault("local")
    StorageType type();

    /** Lifetime of presigned GET URLs when the caller gives none. */
    @WithDefault("3600")
    long presignExpirySeconds();

    Local local();

    S3 s3();

    interface Local {
        /** Root folder; created if missing; relative to the working directory or absolute. */
        @WithDefault("./storage")
        String path();
    }

    interface S3 {
        @WithDefault("clipflow-clips")
        String bucket();

        @WithDefault("us-east-1")
        String region();

        /** Static keys are used only when both are given; otherwise the AWS default chain. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** For S3-compatible stores (MinIO, R2, Ceph). */
        Optional<URI> endpoint();

        @WithDefault("false")
        boolean pathStyle();

        /** {@code AES256} or {@code aws:kms}. */
        Optional<String> sse();

        Optional<String> sseKmsKeyId();

        @WithDefault("false")
        boolean accelerate();

        @WithDefault("100")
        int multipartThresholdMb();

        @WithDefault("10")
        int multipartChunkMb();

        @WithDefault("10")
        int maxConcurrency();
    }
}
