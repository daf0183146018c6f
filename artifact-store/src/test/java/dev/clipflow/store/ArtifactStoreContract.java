package dev.clipflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link ArtifactStore} backend must do; each backend's test extends this. */
public abstract class ArtifactStoreContract {

    protected static final long MB = 1024 * 1024;

    @TempDir
    protected Path tempDir;

    /** A folder of its own for each test, so tests never see each other's objects. */
    protected String job;

    protected abstract ArtifactStore store();

    /** Asserts that the backend keeps no trace of a failed upload (temp files, incomplete multipart uploads). */
    protected abstract void assertNoTraceOfFailedUploads(String key);

    /** Asserts what the backend shows of a 150 MB object having gone up in parts (S3: a multipart ETag). */
    protected void assertStoredInParts(ObjectInfo head) {
    }

    @BeforeEach
    void newJobFolder() {
        job = UUID.randomUUID().toString();
    }

    @Test
    void fileRoundTripKeepsBytesContentTypeMetadataAndChecksum() throws IOException {
        byte[] bytes = randomBytes(300_000, 1);
        Path file = Files.write(tempDir.resolve("clip.mp4"), bytes);
        String key = job + "/My_Title_clip_1.mp4";

        ObjectInfo stored = store().put(key, file, PutOptions.of("video/mp4")
                .withMetadata(PutOptions.JOB_ID, job).withMetadata("Clip-Number", "1")
                .withMetadata(PutOptions.CREATED_BY, PutOptions.CREATOR));

        assertThat(stored.key()).isEqualTo(key);
        assertThat(stored.size()).isEqualTo(bytes.length);
        ObjectInfo head = store().head(key).orElseThrow();
        assertThat(head.size()).isEqualTo(bytes.length);
        assertThat(head.contentType()).isEqualTo("video/mp4");
        assertThat(head.userMetadata()).containsOnly(
                org.assertj.core.api.Assertions.entry("job-id", job),
                org.assertj.core.api.Assertions.entry("clip-number", "1"),
                org.assertj.core.api.Assertions.entry("created-by", "clipflow"));
        assertThat(head.sha256()).isEqualTo(sha256(bytes));
        assertThat(head.etag()).isNotBlank().doesNotContain("\"");
        assertThat(head.lastModified()).isNotNull();
        assertThat(store().getBytes(key)).isEqualTo(bytes);
    }

    @Test
    void streamOfKnownLengthRoundTrips() throws IOException {
        byte[] bytes = randomBytes(2_500_000, 2);
        String key = job + "/known.bin";

        store().put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("application/octet-stream"));

        try (InputStream in = store().get(key)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store().head(key).orElseThrow().size()).isEqualTo(bytes.length);
    }

    @Test
    void streamOfUnknownLengthRoundTrips() throws IOException {
        byte[] bytes = randomBytes(3_000_000, 3);
        String key = "uploads/" + job + "/source.mp4";

        store().put(key, new ByteArrayInputStream(bytes), -1, PutOptions.of("video/mp4").withSha256(sha256(bytes)));

        try (InputStream in = store().get(key)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(store().head(key).orElseThrow().sha256()).isEqualTo(sha256(bytes));
    }

    @Test
    void streamOfUnknownLengthLargerThanAPartRoundTrips() throws Exception {
        String key = "uploads/" + job + "/source.mp4";
        MessageDigest expected = DigestUtils.getSha256Digest();
        InputStream source = new DigestInputStream(new FailingStream(25 * MB, 12) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return given() >= 25 * MB ? -1 : super.read(buffer, offset, length);
            }
        }, expected);

        store().put(key, source, -1, PutOptions.of("video/mp4"));

        try (InputStream in = store().get(key)) {
            assertThat(DigestUtils.sha256(in)).isEqualTo(expected.digest());
        }
        assertThat(store().head(key).orElseThrow().size()).isEqualTo(25 * MB);
    }

    @Test
    void smallStreamOfUnknownLengthRoundTrips() {
        byte[] bytes = "{\"shorts\":[]}".getBytes(StandardCharsets.UTF_8);
        String key = job + "/t_metadata.json";

        store().put(key, new ByteArrayInputStream(bytes), -1, PutOptions.of("application/json"));

        assertThat(store().getBytes(key)).isEqualTo(bytes);
    }

    @Test
    void deletingAJobsFolderRemovesEveryObjectInItAndNothingElse() {
        String other = UUID.randomUUID().toString();
        for (String name : List.of("a_clip_1.mp4", "a_clip_1.jpg", "a_clip_1.srt", "a_metadata.json")) {
            store().put(job + "/" + name, new ByteArrayInputStream(randomBytes(1000, 9)), 1000, PutOptions.of("video/mp4"));
        }
        store().put(other + "/a_metadata.json", new ByteArrayInputStream(randomBytes(10, 9)), 10, PutOptions.of("application/json"));

        assertThat(store().deleteAll(job + "/")).isEqualTo(4);

        try (Stream<ObjectInfo> left = store().list(job + "/", "")) {
            assertThat(left).isEmpty();
        }
        assertThat(store().head(other + "/a_metadata.json")).isPresent();
        assertThat(store().deleteAll(job + "/")).isZero();
        assertThatThrownBy(() -> store().deleteAll("")).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void overwritingReplacesTheWholeObject() {
        String key = job + "/t_metadata.json";
        store().put(key, new ByteArrayInputStream(randomBytes(10_000, 4)), 10_000, PutOptions.of("application/json"));
        byte[] second = "short".getBytes(StandardCharsets.UTF_8);

        store().put(key, new ByteArrayInputStream(second), second.length, PutOptions.of("application/json"));

        assertThat(store().getBytes(key)).isEqualTo(second);
        assertThat(store().head(key).orElseThrow().size()).isEqualTo(second.length);
    }

    @Test
    void givenChecksumIsVerifiedAndReportedByHead() throws IOException {
        byte[] bytes = randomBytes(100_000, 5);
        Path file = Files.write(tempDir.resolve("ok.bin"), bytes);
        String key = job + "/ok.bin";

        store().put(key, file, PutOptions.of("application/octet-stream").withSha256(sha256(bytes).toUpperCase()));

        assertThat(store().head(key).orElseThrow().sha256()).isEqualTo(sha256(bytes));
    }

    @Test
    void wrongChecksumOnAFileIsRefusedAndNothingIsVisible() throws IOException {
        Path file = Files.write(tempDir.resolve("bad.bin"), randomBytes(100_000, 6));
        String key = job + "/bad.bin";

        assertThatThrownBy(() -> store().put(key, file, PutOptions.of("video/mp4").withSha256(sha256(new byte[] {1}))))
                .isInstanceOf(ChecksumMismatchException.class);

        assertThat(store().head(key)).isEmpty();
        assertThat(listAll(job + "/", "")).isEmpty();
        assertNoTraceOfFailedUploads(key);
    }

    @Test
    void wrongChecksumOnAStreamIsRefusedAndNothingIsVisible() {
        byte[] bytes = randomBytes(200_000, 7);
        String key = job + "/bad-stream.bin";

        assertThatThrownBy(() -> store().put(key, new ByteArrayInputStream(bytes), -1,
                PutOptions.of("video/mp4").withSha256(sha256(new byte[] {2}))))
                .isInstanceOf(ChecksumMismatchException.class);

        assertThat(store().head(key)).isEmpty();
        assertNoTraceOfFailedUploads(key);
    }

    @Test
    void rangesReturnInclusiveBytesAndStopAtTheEnd() throws IOException {
        byte[] bytes = randomBytes(50_000, 8);
        String key = job + "/range.bin";
        store().put(key, new ByteArrayInputStream(bytes), bytes.length, PutOptions.of("video/mp4"));

        assertThat(read(store().get(key, new ByteRange(0, 0)))).containsExactly(bytes[0]);
        assertThat(read(store().get(key, new ByteRange(1000, 1999)))).isEqualTo(slice(bytes, 1000, 2000));
        assertThat(read(store().get(key, new ByteRange(49_990, 1_000_000)))).isEqualTo(slice(bytes, 49_990, 50_000));
        assertThatThrownBy(() -> read(store().get(key, new ByteRange(50_000, 50_100)))).isInstanceOf(StorageException.class);
    }

    @Test
    void missingObjectsAreReportedAsAbsent() {
        String key = job + "/never.mp4";

        assertThat(store().head(key)).isEmpty();
        assertThatThrownBy(() -> store().get(key)).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> store().get(key, new ByteRange(0, 10))).isInstanceOf(NoSuchObjectException.class);
        assertThatThrownBy(() -> store().getBytes(key)).isInstanceOf(NoSuchObjectException.class);
        store().delete(key);
    }

    @Test
    void keysBelowAnObjectAreAbsent() {
        String key = job + "/t_clip_1.mp4";
        store().put(key, new ByteArrayInputStream(new byte[] {1}), 1, PutOptions.of("video/mp4"));

        assertThat(store().head(key + "/below")).isEmpty();
        assertThat(store().head(job)).isEmpty();
        assertThatThrownBy(() -> store().get(key + "/below")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void deleteRemovesTheObject() {
        String key = job + "/gone.jpg";
        store().put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, PutOptions.of("image/jpeg"));

        store().delete(key);

        assertThat(store().head(key)).isEmpty();
        assertThat(listAll(job + "/", "")).isEmpty();
    }

    @Test
    void listingPagesThroughElevenHundredKeysInKeyOrderWithSuffixFilter() throws Exception {
        List<String> metadataKeys = new ArrayList<>();
        List<String> allKeys = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            String folder = job + "/" + String.format("%s-%04d", i % 3 == 0 ? "a" : "a-b", i);
            String key = i % 11 == 0 ? folder + "/t_clip_1.mp4" : folder + "/t_metadata.json";
            allKeys.add(key);
            if (key.endsWith("_metadata.json")) {
                metadataKeys.add(key);
            }
        }
        // Eight puts at a time: each one mostly waits on its round trip to the store, and the listing is what is tested.
        ExecutorService puts = Executors.newFixedThreadPool(8);
        try {
            List<Future<ObjectInfo>> stored = new ArrayList<>();
            for (String key : allKeys) {
                stored.add(puts.submit(() -> store().put(key, new ByteArrayInputStream(new byte[] {'x'}), 1,
                        PutOptions.of("application/json"))));
            }
            for (Future<ObjectInfo> put : stored) {
                put.get();
            }
        } finally {
            puts.shutdownNow();
        }
        store().put(job + "-sibling/t_metadata.json", new ByteArrayInputStream(new byte[] {'y'}), 1, PutOptions.of("application/json"));

        List<ObjectInfo> all = listAll(job + "/", "");
        List<String> metadata = listAll(job + "/", "_metadata.json").stream().map(ObjectInfo::key).toList();

        assertThat(all).hasSize(1_100);
        assertThat(all).allSatisfy(info -> {
            assertThat(info.size()).isEqualTo(1);
            assertThat(info.lastModified()).isNotNull();
        });
        assertThat(all.stream().map(ObjectInfo::key).toList()).containsExactlyElementsOf(allKeys.stream().sorted().toList());
        assertThat(metadata).hasSize(1_000).containsExactlyElementsOf(metadataKeys.stream().sorted().toList());
        assertThat(listAll(job + "/a-b-", "_clip_1.mp4")).hasSize(66);
        assertThat(listAll(job + "/nothing-here/", "")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.mp4", "job/../../escape.mp4", "/etc/passwd", "job\\..\\x", "job/\u0000x",
        "job//x", "job/./x", "job/", ".", "..", "job/.clipflow-tmp-x.part", "job/x\ny"})
    void keysThatCouldEscapeAreRefusedByEveryOperation(String key) {
        PutOptions options = PutOptions.of("video/mp4");
        assertThatThrownBy(() -> store().put(key, new ByteArrayInputStream(new byte[] {1}), 1, options))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store().head(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store().get(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store().delete(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store().urlFor(key, Duration.ofMinutes(1))).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void emptyKeyIsRefused() {
        assertThatThrownBy(() -> store().head("")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store().list("../", "")).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void uploadWhoseStreamFailsMidwayLeavesNothingUnderItsKey() {
        String key = "uploads/" + job + "/source.mp4";

        assertThatThrownBy(() -> store().put(key, new FailingStream(25 * MB, 9), -1, PutOptions.of("video/mp4")))
                .isInstanceOf(StorageException.class);

        assertThat(store().head(key)).isEmpty();
        assertThat(listAll("uploads/" + job + "/", "")).isEmpty();
        assertNoTraceOfFailedUploads(key);
    }

    @Test
    void uploadOfKnownLengthWhoseStreamFailsMidwayLeavesNothingUnderItsKey() {
        String key = job + "/t_clip_1.mp4";

        assertThatThrownBy(() -> store().put(key, new FailingStream(12 * MB, 10), 30 * MB, PutOptions.of("video/mp4")))
                .isInstanceOf(StorageException.class);

        assertThat(store().head(key)).isEmpty();
        assertNoTraceOfFailedUploads(key);
    }

    @Test
    void multipartSizedUploadWhoseStreamFailsMidwayLeavesNothingUnderItsKey() {
        String key = job + "/Big_clip_1.mp4";

        assertThatThrownBy(() -> store().put(key, new FailingStream(35 * MB, 13), 150 * MB, PutOptions.of("video/mp4")))
                .isInstanceOf(StorageException.class);

        assertThat(store().head(key)).isEmpty();
        assertNoTraceOfFailedUploads(key);
    }

    @Test
    void multipartSizedFileOf150MbReadsBackIdentical() throws Exception {
        Path file = tempDir.resolve("big.mp4");
        String expectedSha256 = writeRandomFile(file, 150 * MB, 11);
        String key = job + "/Big_clip_1.mp4";
        try {
            long started = System.nanoTime();
            store().put(key, file, PutOptions.of("video/mp4").withSha256(expectedSha256));
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("[%s] 150 MB put took %d ms%n", store().type(), millis);

            ObjectInfo head = store().head(key).orElseThrow();
            assertThat(head.size()).isEqualTo(150 * MB);
            assertThat(head.sha256()).isEqualTo(expectedSha256);
            assertStoredInParts(head);
            try (InputStream in = store().get(key)) {
                assertThat(DigestUtils.sha256Hex(in)).isEqualTo(expectedSha256);
            }
        } finally {
            Files.deleteIfExists(file);
            store().delete(key);
        }
    }

    @Test
    void storeIsReachable() {
        store().checkReachable();
    }

    protected List<ObjectInfo> listAll(String prefix, String suffix) {
        try (Stream<ObjectInfo> listing = store().list(prefix, suffix)) {
            return listing.toList();
        }
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    protected static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }

    /** Writes {@code size} pseudo-random bytes a megabyte at a time and returns their hex SHA-256. */
    protected static String writeRandomFile(Path file, long size, long seed) throws Exception {
        MessageDigest digest = DigestUtils.getSha256Digest();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[(int) MB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
                digest.update(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    /** Gives {@code failAfter} pseudo-random bytes, then fails like a client that went away. */
    protected static class FailingStream extends InputStream {
        private final long failAfter;
        private final SplittableRandom random;
        private long given;

        public FailingStream(long failAfter, long seed) {
            this.failAfter = failAfter;
            this.random = new SplittableRandom(seed);
        }

        protected long given() {
            return given;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (given >= failAfter) {
                throw new IOException("client went away after " + given + " bytes");
            }
            int n = (int) Math.min(length, failAfter - given);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            given += n;
            return n;
        }
    }

}
