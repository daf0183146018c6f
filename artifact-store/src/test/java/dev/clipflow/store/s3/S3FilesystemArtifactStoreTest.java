package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipflow.devstack.S3Server;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ArtifactStoreContract;
import dev.clipflow.store.ObjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The store against the S3 server the local launcher runs in S3 mode: objects in files that outlive the server
 * (without server-side encryption, which that store answers with 501).
 */
class S3FilesystemArtifactStoreTest extends ArtifactStoreContract {

    static final Path DATA_DIR = Path.of("target", "s3-filesystem-contract");

    static S3Server server;
    static S3ArtifactStore store;
    static S3Client inspector;

    @BeforeAll
    static void startServer() {
        server = S3Server.startKeeping(0, DATA_DIR);
        server.createBucket(S3ArtifactStoreTest.BUCKET);
        inspector = S3Inspector.on(server);
        S3ArtifactStoreTest.server = server;
        store = new S3ArtifactStore(S3ArtifactStoreTest.config(Map.of("S3_SSE", "")).s3(), Duration.ofHours(1));
    }

    @AfterAll
    static void stopServer() throws Exception {
        store.close();
        inspector.close();
        server.close();
        S3ArtifactStoreTest.server = null;
        try (Stream<Path> paths = Files.walk(DATA_DIR)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected void assertNoTraceOfFailedUploads(String key) {
        assertThat(inspector.listMultipartUploads(b -> b.bucket(S3ArtifactStoreTest.BUCKET)).uploads())
                .extracting(MultipartUpload::key)
                .doesNotContain(key);
    }

    @Override
    protected void assertStoredInParts(ObjectInfo head) {
        assertThat(head.etag()).as("150 MB in 10 MB parts").endsWith("-15");
    }
}
