package dev.clipflow.store.s3;

import dev.clipflow.store.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The async client of quarkus-amazon-s3 (aws-crt transport, configured from {@code quarkus.s3.*}) with the
 * Java-based multipart upload turned on, which the extension has no setting for: objects from
 * {@code S3_MULTIPART_THRESHOLD_MB} go in {@code S3_MULTIPART_CHUNK_MB} parts, {@code S3_MAX_CONCURRENCY} at a time.
 * It replaces the extension's own async client bean (the builder is the extension's hook for this).
 */
@Singleton
public class MultipartClient {

    private static final long MB = 1024L * 1024L;
    private static final int MIN_PART_MB = 5;

    @Produces
    @ApplicationScoped
    S3AsyncClient multipartAsyncClient(S3AsyncClientBuilder builder, StorageConfig config) {
        StorageConfig.S3 s3 = config.s3();
        requireValidParts(s3);
        return builder
                .multipartEnabled(true)
                .multipartConfiguration(multipart -> multipart
                        .thresholdInBytes(s3.multipartThresholdMb() * MB)
                        .minimumPartSizeInBytes(s3.multipartChunkMb() * MB)
                        .parallelConfiguration(parallel -> parallel.maxInFlightParts(s3.maxConcurrency())))
                .build();
    }

    void close(@Disposes S3AsyncClient client) {
        client.close();
    }

    static void requireValidParts(StorageConfig.S3 config) {
        if (config.multipartChunkMb() < MIN_PART_MB) {
            throw new IllegalArgumentException("S3_MULTIPART_CHUNK_MB must be at least " + MIN_PART_MB + " (S3's smallest part)");
        }
        if (config.multipartThresholdMb() < 1 || config.maxConcurrency() < 1) {
            throw new IllegalArgumentException("S3_MULTIPART_THRESHOLD_MB and S3_MAX_CONCURRENCY must be positive");
        }
    }
}
