package dev.clipflow.store.config;

import dev.clipflow.store.StorageType;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/**
 * Storage settings. The module's {@code META-INF/microprofile-config.properties} maps the
 * environment variables (STORAGE_TYPE, LOCAL_STORAGE_PATH, AWS_S3_BUCKET, ...) onto these names, below
 * the ordinal of a service's application.properties, with their defaults: each default is written there once.
 */
@ConfigMapping(prefix = "clipflow.storage")
public interface StorageConfig {

    StorageType type();

    /** Lifetime of presigned GET URLs when the caller gives none. */
    long presignExpirySeconds();

    Local local();

    S3 s3();

    interface Local {
        /** Root folder; created if missing; relative to the working directory or absolute. */
        String path();
    }

    interface S3 {
        String bucket();

        String region();

        /** Static keys are used only when both are given; otherwise the AWS default chain. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** For S3-compatible stores (MinIO, R2, Ceph). */
        Optional<URI> endpoint();

        boolean pathStyle();

        /** {@code AES256} or {@code aws:kms}. */
        Optional<String> sse();

        Optional<String> sseKmsKeyId();

        boolean accelerate();

        int multipartThresholdMb();

        int multipartChunkMb();

        int maxConcurrency();
    }
}
