package dev.clipflow.store.s3;

import dev.clipflow.store.config.StorageConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of the S3 clients, given to quarkus-amazon-s3 as its custom provider
 * ({@code quarkus.s3.aws.credentials.custom-provider.name}): the static keys when both are set, otherwise the AWS
 * default chain (environment, system properties, profile, web identity, container, instance). The extension's
 * {@code credentials.type} picks one provider, and cannot say "static if given, else the chain".
 */
@Singleton
@Named(StorageCredentials.NAME)
public class StorageCredentials implements AwsCredentialsProvider {

    public static final String NAME = "clipflow-storage";

    private final AwsCredentialsProvider provider;

    public StorageCredentials(StorageConfig config) {
        StorageConfig.S3 s3 = config.s3();
        this.provider = s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId().get(), s3.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return provider.resolveCredentials();
    }

    /** True when the static keys are used, false when the default chain is. */
    public boolean usesStaticKeys() {
        return provider instanceof StaticCredentialsProvider;
    }

    /** Whether any credentials can be had at all (static keys, or something in the default chain). */
    public boolean found() {
        try {
            provider.resolveCredentials();
            return true;
        } catch (RuntimeException nothingFound) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        if (provider instanceof SdkAutoCloseable closeable) {
            IoUtils.closeQuietly(closeable, null);
        }
    }
}
