package dev.clipflow.store.s3;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3Proxy (in-memory store, SigV4 checked) on a free loopback port, for this module's tests until
 * devstack's S3Server is on main.
 */
public final class TestS3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "clipflow-test-access";
    public static final String SECRET_KEY = "clipflow-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;

    private TestS3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static TestS3Server start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        try {
            proxy.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return new TestS3Server(proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A plain SDK client on the server, to set up and inspect buckets independently of the store. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }

    public void createBucket(String name) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(name));
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
