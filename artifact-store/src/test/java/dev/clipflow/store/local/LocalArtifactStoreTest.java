package dev.clipflow.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ArtifactStoreContract;
import dev.clipflow.store.InvalidKeyException;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageInterruptedException;
import dev.clipflow.store.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalArtifactStoreTest extends ArtifactStoreContract {

    protected Path root;
    protected LocalArtifactStore store;

    @BeforeEach
    void createStore() {
        root = tempDir.resolve("storage/not/yet/there");
        store = newStore(root);
    }

    protected LocalArtifactStore newStore(Path root) {
        return new LocalArtifactStore(root);
    }

    @Override
    protected ArtifactStore store() {
        return store;
    }

    @Override
    protected void assertNoTraceOfFailedUploads(String key) {
        Path folder = root.resolve(key).getParent();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".clipflow-tmp-"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aStoredObjectIsReadableInPlaceAsItsOwnFile() throws IOException {
        String key = "uploads/" + job + "/source.mp4";
        byte[] bytes = randomBytes(50_000, 7);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("video/mp4"));

        assertThat(store.localFile(key)).hasValueSatisfying(file -> {
            assertThat(file).startsWith(root).hasBinaryContent(bytes);
        });
    }

    @Test
    void absentObjectsAndKeysOutsideTheRootHaveNoLocalFile() {
        assertThat(store.localFile("uploads/" + job + "/missing.mp4")).isEmpty();
        assertThatThrownBy(() -> store.localFile("../etc/passwd")).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void rootIsCreatedWhenMissing() {
        assertThat(root).isDirectory();
    }

    @Test
    void relativeRootResolvesAgainstTheWorkingDirectory() {
        LocalArtifactStore relative = new LocalArtifactStore(Path.of("target/relative-storage"));
        assertThat(relative.root()).isEqualTo(Path.of("target/relative-storage").toAbsolutePath().normalize());
        assertThat(relative.root()).isDirectory();
    }

    @Test
    void jobFoldersHoldOnlyTheObjects() throws IOException {
        store.put(job + "/t_clip_1.mp4", new ByteArrayInputStream(new byte[] {1}), 1,
                PutOptions.of("video/mp4").withMetadata(PutOptions.JOB_ID, job));
        store.put(job + "/t_metadata.json", new ByteArrayInputStream(new byte[] {2}), -1, PutOptions.of("application/json"));

        try (Stream<Path> files = Files.list(root.resolve(job))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t_clip_1.mp4", "t_metadata.json");
        }
        assertThat(store.head(job + "/t_clip_1.mp4").orElseThrow().userMetadata()).containsEntry("job-id", job);
    }

    @Test
    void deletingTheLastObjectRemovesTheJobFolder() {
        store.put(job + "/t_clip_1.mp4", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.of("video/mp4"));
        store.delete(job + "/t_clip_1.mp4");
        assertThat(root.resolve(job)).doesNotExist();
        assertThat(root).isDirectory();
    }

    @Test
    void symlinksLeadingOutsideTheRootAreRefused() throws IOException {
        Path outside = Files.createDirectories(tempDir.resolve("outside"));
        Files.write(outside.resolve("secret.txt"), new byte[] {42});
        Files.createSymbolicLink(root.resolve("evil"), outside);
        Files.createSymbolicLink(root.resolve("evil-file"), outside.resolve("secret.txt"));

        assertThatThrownBy(() -> store.get("evil/secret.txt")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.get("evil-file")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.put("evil/new.mp4", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.of("video/mp4")))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.delete("evil/secret.txt")).isInstanceOf(InvalidKeyException.class);
        assertThat(outside.resolve("new.mp4")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).exists();
        assertThat(listAll("", "")).isEmpty();
    }

    @Test
    void readersNeverSeeAHalfWrittenObject() throws Exception {
        String key = job + "/t_clip_1.mp4";
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private int given;

            @Override
            public int read() throws IOException {
                if (given == 500_000) {
                    halfWay.countDown();
                    try {
                        resume.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return given++ < 1_000_000 ? 7 : -1;
            }
        };
        CompletableFuture<?> writing = CompletableFuture.runAsync(() -> store.put(key, slow, 1_000_000, PutOptions.of("video/mp4")));

        assertThat(halfWay.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.head(key)).isEmpty();
        assertThat(root.resolve(key)).doesNotExist();
        assertThat(listAll(job + "/", "")).isEmpty();
        resume.countDown();
        writing.get(10, TimeUnit.SECONDS);

        assertThat(store.head(key).orElseThrow().size()).isEqualTo(1_000_000);
    }

    @Test
    void aPutInterruptedMidCopyStopsAtOnceAndLeavesNeitherTheObjectNorItsTempFile() throws Exception {
        String key = job + "/t_clip_1.mp4";
        CountDownLatch copying = new CountDownLatch(1);
        InputStream endless = new InputStream() { // never ends by itself: only the interrupt can stop the copy
            private long given;

            @Override
            public int read() {
                return 7;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 7);
                if ((given += length) > 4 * MB) {
                    copying.countDown();
                }
                return length;
            }
        };
        CompletableFuture<Thread> putter = new CompletableFuture<>();
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            putter.complete(Thread.currentThread());
            try {
                return store.put(key, endless, -1, PutOptions.of("video/mp4"));
            } catch (RuntimeException e) {
                return Thread.interrupted() ? e : new AssertionError("interrupt lost", e);
            }
        });

        assertThat(copying.await(10, TimeUnit.SECONDS)).isTrue();
        putter.get().interrupt();

        assertThat(outcome.get(2, TimeUnit.SECONDS)).isInstanceOf(StorageInterruptedException.class);
        assertThat(store.head(key)).isEmpty();
        assertNoTraceOfFailedUploads(key);
    }

    @Test
    void urlIsTheStoragePathWithEachSegmentEncoded() {
        assertThat(store.urlFor(job + "/Mon été & 50% #1_clip_1.mp4", Duration.ofHours(1)))
                .isEqualTo("/storage/" + job + "/Mon%20%C3%A9t%C3%A9%20%26%2050%25%20%231_clip_1.mp4");
        assertThat(store.urlFor(job + "/a+b.jpg")).isEqualTo("/storage/" + job + "/a%2Bb.jpg");
    }

    @Test
    void unwritableRootIsReportedNotReady() throws IOException {
        Path file = Files.write(tempDir.resolve("a-file"), new byte[] {1});
        LocalArtifactStore broken = new LocalArtifactStore(file.resolve("storage"));

        assertThatThrownBy(broken::checkReachable).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("not writable");
    }

    @Test
    void listingSkipsSymlinksAndForeignFiles() throws IOException {
        store.put(job + "/t_metadata.json", new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.of("application/json"));
        Files.createSymbolicLink(root.resolve(job).resolve("link_metadata.json"), root.resolve(job).resolve("t_metadata.json"));

        assertThat(listAll("", "_metadata.json")).extracting(i -> i.key()).isEqualTo(List.of(job + "/t_metadata.json"));
    }
}
