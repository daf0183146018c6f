package dev.clipflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3ServerTest {

    private static final String BUCKET = "devstack-test";
    private static S3Server server;
    private static S3Client s3;

    @BeforeAll
    static void startServer() {
        server = S3Server.start(S3Server.Mode.IN_MEMORY);
        server.createBucket(BUCKET);
        s3 = client(server);
    }

    @AfterAll
    static void closeServer() {
        s3.close();
        server.close();
    }

    @Test
    void aTwentyMegabyteMultipartUploadReadsBackByteIdentical() {
        byte[] content = new byte[20 * 1024 * 1024];
        new SplittableRandom(42).nextBytes(content);
        int partSize = 5 * 1024 * 1024;
        String key = "big/source.mp4";

        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int part = 1, offset = 0; offset < content.length; part++, offset += partSize) {
            int number = part;
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(java.util.Arrays.copyOfRange(content, offset,
                            Math.min(offset + partSize, content.length)))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        assertThat(parts).hasSize(4);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray()).isEqualTo(content);
    }

    @Test
    void listingOverElevenHundredKeysComesInPagesOfAThousand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < 1100; i++) {
                String key = String.format("many/%04d.json", i);
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("{}"))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<ListObjectsV2Response> pages = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("many/")
                .maxKeys(1000)).stream().toList();

        assertThat(pages).extracting(page -> page.contents().size()).containsExactly(1000, 100);
        assertThat(pages.stream().flatMap(page -> page.contents().stream()).map(o -> o.key()).distinct())
                .hasSize(1100).first().isEqualTo("many/0000.json");
    }

    @Test
    void aPresignedGetWorksOverPlainHttpAndATamperedOneIsRefused() throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key("job/clip_1.mp4"), RequestBody.fromString("clip bytes"));
        URI url;
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.of(server.region()))
                .credentialsProvider(credentials(server))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .build()) {
            url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("job/clip_1.mp4"))).url().toURI();
        }
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        URI tampered = URI.create(url.toString().replace("clip_1.mp4", "clip_2.mp4"));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(tampered).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("clip bytes");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void requestsSignedWithAWrongSecretAreRefused() {
        try (S3Client intruder = S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), "not-the-secret")))
                .forcePathStyle(true)
                .build()) {
            assertThatThrownBy(() -> intruder.listObjectsV2(b -> b.bucket(BUCKET)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void theInMemoryModeAcceptsServerSideEncryptionAndTheFilesystemModeRefusesIt() {
        s3.putObject(b -> b.bucket(BUCKET).key("sse.txt").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromString("secret"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("sse.txt")).asUtf8String()).isEqualTo("secret");

        try (S3Server filesystem = S3Server.start(S3Server.Mode.FILESYSTEM);
                S3Client client = client(filesystem)) {
            filesystem.createBucket(BUCKET);
            client.putObject(b -> b.bucket(BUCKET).key("plain.txt"), RequestBody.fromString("plain"));
            assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("plain.txt")).asUtf8String())
                    .isEqualTo("plain");
            assertThatThrownBy(() -> client.putObject(
                    b -> b.bucket(BUCKET).key("sse.txt").serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromString("secret")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        }
    }

    @Test
    void aRestartedServerKeepsItsPortAndItsObjects() {
        s3.putObject(b -> b.bucket(BUCKET).key("kept.txt"), RequestBody.fromString("still here"));
        String endpoint = server.endpoint();

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key("kept.txt")))
                .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
        server.restart();

        assertThat(server.endpoint()).isEqualTo(endpoint);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("kept.txt")).asString(StandardCharsets.UTF_8))
                .isEqualTo("still here");
    }

    @Test
    void aFilesystemServerStartedAgainOnItsKeptDirectoryServesItsObjects() {
        Path dataDir = Path.of("target", "kept-s3-" + UUID.randomUUID());
        S3Server first = S3Server.startKeeping(0, dataDir);
        try (S3Client client = client(first)) {
            first.createBucket(BUCKET);
            client.putObject(b -> b.bucket(BUCKET).key("job/kept.txt"), RequestBody.fromString("after a restart"));
        } finally {
            first.close();
        }

        S3Server second = S3Server.startKeeping(0, dataDir);
        try (S3Client client = client(second)) {
            second.createBucket(BUCKET);
            assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("job/kept.txt")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("after a restart");
        } finally {
            second.close();
            TempDirs.deleteQuietly(dataDir);
        }
    }

    static S3Client client(S3Server server) {
        return S3Client.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.of(server.region()))
                .credentialsProvider(credentials(server))
                .forcePathStyle(true)
                .build();
    }

    private static StaticCredentialsProvider credentials(S3Server server) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secretKey()));
    }
}
