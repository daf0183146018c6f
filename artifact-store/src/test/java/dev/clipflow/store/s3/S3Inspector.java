package dev.clipflow.store.s3;

import dev.clipflow.devstack.S3Server;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A plain SDK client on the devstack S3 server, to look at the bucket independently of the store. */
final class S3Inspector {

    private S3Inspector() {
    }

    static S3Client on(S3Server server) {
        return S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.of(server.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
