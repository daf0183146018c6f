package dev.clipflow.store.s3;

import dev.clipflow.store.config.StorageConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one S3 store, all from the same settings: a sync client (head, get, list, delete),
 * the Java-based multipart async client behind the transfer manager (puts), and the presigner.
 */
final class S3Clients implements AutoCloseable {

    private static final long MB = 1024L * 1024L;
    private static final int MIN_PART_MB = 5;

    final S3Client sync;
    final S3AsyncClient async;
    final S3TransferManager transfers;
    final S3Presigner presigner;
    private final AwsCredentialsProvider credentials;

    private S3Clients(S3Client sync, S3AsyncClient async, S3TransferManager transfers, S3Presigner presigner,
            AwsCredentialsProvider credentials) {
        this.sync = sync;
        this.async = async;
        this.transfers = transfers;
        this.presigner = presigner;
        this.credentials = credentials;
    }

    static S3Clients create(StorageConfig.S3 config) {
        if (config.multipartChunkMb() < MIN_PART_MB) {
            throw new IllegalArgumentException("S3_MULTIPART_CHUNK_MB must be at least " + MIN_PART_MB + " (S3's smallest part)");
        }
        if (config.multipartThresholdMb() < 1 || config.maxConcurrency() < 1) {
            throw new IllegalArgumentException("S3_MULTIPART_THRESHOLD_MB and S3_MAX_CONCURRENCY must be positive");
        }
        AwsCredentialsProvider credentials = credentials(config);
        Region region = Region.of(config.region());
        ClientOverrideConfiguration.Builder compatible = ClientOverrideConfiguration.builder();
        if (config.endpoint().isPresent()) {
            compatible.addExecutionInterceptor(new CompatibleEndpointHeaders());
        }
        ClientOverrideConfiguration overrides = compatible.build();

        S3ClientBuilder syncBuilder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .accelerate(config.accelerate())
                .overrideConfiguration(overrides);
        config.endpoint().ifPresent(syncBuilder::endpointOverride);

        S3AsyncClientBuilder asyncBuilder = S3AsyncClient.builder()
                .httpClientBuilder(AwsCrtAsyncHttpClient.builder()
                        .maxConcurrency(Math.max(config.maxConcurrency(), 2) * 4)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .connectionAcquisitionTimeout(Duration.ofMinutes(2)))
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .accelerate(config.accelerate())
                .overrideConfiguration(overrides)
                .multipartEnabled(true)
                .multipartConfiguration(multipart -> multipart
                        .thresholdInBytes(config.multipartThresholdMb() * MB)
                        .minimumPartSizeInBytes(config.multipartChunkMb() * MB)
                        .parallelConfiguration(parallel -> parallel.maxInFlightParts(config.maxConcurrency())));
        config.endpoint().ifPresent(asyncBuilder::endpointOverride);

        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(config.pathStyle())
                        .accelerateModeEnabled(config.accelerate())
                        .build());
        config.endpoint().ifPresent(presignerBuilder::endpointOverride);

        S3AsyncClient async = asyncBuilder.build();
        return new S3Clients(syncBuilder.build(), async, S3TransferManager.builder().s3Client(async).build(),
                presignerBuilder.build(), credentials);
    }

    /** Static keys when both are given, otherwise the AWS default chain (env, system properties, profile, IRSA, container, instance). */
    static AwsCredentialsProvider credentials(StorageConfig.S3 config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    boolean usesStaticKeys() {
        return credentials instanceof StaticCredentialsProvider;
    }

    @Override
    public void close() {
        IoUtils.closeQuietly(transfers, null);
        IoUtils.closeQuietly(async, null);
        IoUtils.closeQuietly(sync, null);
        IoUtils.closeQuietly(presigner, null);
        if (credentials instanceof SdkAutoCloseable closeable) {
            IoUtils.closeQuietly(closeable, null);
        }
    }
}
