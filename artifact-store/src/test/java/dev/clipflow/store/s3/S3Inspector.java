package dev.clipflow.store.s3;

import dev.clipflow.store.config.StorageConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A plain SDK client on the devstack S3 server, to look at the bucket independently of the store and its clients. */
final class S3Inspector {

    private S3Inspector() {
    }

    static S3Client on(StorageConfig.S3 config) {
        return S3Client.builder()
                .endpointOverride(config.endpoint().orElseThrow())
                .region(Region.of(config.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId().orElseThrow(), config.secretAccessKey().orElseThrow())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
