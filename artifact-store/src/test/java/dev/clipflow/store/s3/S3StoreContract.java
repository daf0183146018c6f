package dev.clipflow.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ArtifactStoreContract;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageInterruptedException;
import dev.clipflow.store.config.StorageConfig;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The contract for the S3 store a service is given (on quarkus-amazon-s3's clients), with the bucket looked at directly. */
abstract class S3StoreContract extends ArtifactStoreContract {

    @Inject
    ArtifactStore store;

    @Inject
    StorageConfig config;

    S3Client inspector;

    @BeforeEach
    void inspect() {
        inspector = S3Inspector.on(config.s3());
    }

    @AfterEach
    void closeInspector() {
        inspector.close();
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected void assertNoTraceOfFailedUploads(String key) {
        assertThat(inspector.listMultipartUploads(b -> b.bucket(ContractServer.BUCKET)).uploads())
                .extracting(MultipartUpload::key)
                .doesNotContain(key);
    }

    @Test
    void aPutInterruptedMidMultipartUploadStopsAtOnceAndLeavesNeitherTheObjectNorItsParts() throws Exception {
        Path file = tempDir.resolve("big.mp4");
        String sha256 = writeRandomFile(file, 150 * MB, 12);
        String key = job + "/Interrupted_clip_1.mp4";
        CompletableFuture<Thread> putter = new CompletableFuture<>();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            putter.complete(Thread.currentThread());
            try {
                outcome.complete(store.put(key, file, PutOptions.of("video/mp4").withSha256(sha256)));
            } catch (RuntimeException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt lost", e));
            }
        }, "interrupted-put");
        try {
            thread.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !pendingUploads(key).isEmpty() || outcome.isDone());
            assertThat(pendingUploads(key)).as("the multipart upload started").isNotEmpty();

            long interrupted = System.nanoTime();
            putter.get().interrupt();
            Object result = outcome.get(10, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - interrupted) / 1_000_000;

            assertThat(result).isInstanceOf(StorageInterruptedException.class);
            assertThat(tookMillis).as("the put returned %d ms after the interrupt", tookMillis).isLessThan(2_000);
            assertThat(store.head(key)).isEmpty();
            // the abort follows the cancel
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertNoTraceOfFailedUploads(key));
        } finally {
            thread.join(10_000);
            Files.deleteIfExists(file);
            store.delete(key);
        }
    }

    private List<MultipartUpload> pendingUploads(String key) {
        return inspector.listMultipartUploads(b -> b.bucket(ContractServer.BUCKET).prefix(key)).uploads();
    }

    @Override
    protected void assertStoredInParts(ObjectInfo head) {
        assertThat(head.etag()).as("150 MB in 10 MB parts").endsWith("-15");
    }
}
