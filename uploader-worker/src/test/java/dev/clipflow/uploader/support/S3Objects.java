package dev.clipflow.uploader.support;

import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A plain SDK client on the test S3 server, to look at what the uploader stored. */
public final class S3Objects implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    public S3Objects() {
        Config config = ConfigProvider.getConfig();
        this.bucket = config.getValue("AWS_S3_BUCKET", String.class);
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(config.getValue("S3_ENDPOINT", String.class)))
                .forcePathStyle(true)
                .region(Region.of(config.getValue("AWS_REGION", String.class)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.getValue("AWS_ACCESS_KEY_ID", String.class),
                        config.getValue("AWS_SECRET_ACCESS_KEY", String.class))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public HeadObjectResponse head(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key));
    }

    public byte[] bytes(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    public S3Client client() {
        return s3;
    }

    @Override
    public void close() {
        s3.close();
    }
}
