package dev.clipflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.awaitility.Awaitility;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A real S3-compatible server (S3Proxy) in this JVM on a loopback port. It checks AWS signatures (V2 and V4)
 * with generated keys, so presigned URLs and tampering behave as on AWS.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the stored objects, so a test can take "S3" away
 * and bring it back.
 */
public final class S3Server implements AutoCloseable {

    /** Where objects live. */
    public enum Mode {
        /** In memory; accepts server-side encryption headers. */
        IN_MEMORY,
        /**
         * Files in a directory (temporary, or kept with {@link #startKeeping}); answers 501 Not Implemented to
         * server-side encryption headers.
         */
        FILESYSTEM
    }

    public static final String REGION = "us-east-1";

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mode mode;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Lifecycle lifecycle;

    private S3Server(Mode mode, int port, String accessKey, String secretKey, Lifecycle lifecycle) {
        this.mode = mode;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.lifecycle = lifecycle;
    }

    /** A view of a server that runs elsewhere in this JVM (another class loader) and is controlled through JMX. */
    static S3Server shared(Mode mode, String endpoint, String accessKey, String secretKey, Lifecycle lifecycle) {
        return new S3Server(mode, URI.create(endpoint).getPort(), accessKey, secretKey, lifecycle);
    }

    /** Starts a server on a free loopback port. */
    public static S3Server start(Mode mode) {
        return start(mode, 0);
    }

    /** Starts a server on the given loopback port (0: a free one); a filesystem one in a temporary directory. */
    public static S3Server start(Mode mode, int port) {
        if (mode == Mode.FILESYSTEM) {
            try {
                return start(mode, port, Files.createTempDirectory("clipflow-s3-"), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the S3 data directory", e);
            }
        }
        return start(mode, port, null, true);
    }

    /**
     * Starts a {@link Mode#FILESYSTEM} server on the given loopback port (0: a free one) whose buckets are folders
     * of {@code dataDir}, created if missing and kept by {@link #close()}: a server started again on the same
     * directory serves every object stored before.
     */
    public static S3Server startKeeping(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the S3 data directory " + dataDir, e);
        }
        return start(Mode.FILESYSTEM, port, dataDir.toAbsolutePath(), false);
    }

    private static S3Server start(Mode mode, int port, Path dataDir, boolean temporary) {
        DevstackLogging.quietDependencies();
        long started = System.nanoTime();
        BlobStore blobStore = mode == Mode.FILESYSTEM
                ? new KeysBelowFilesAreAbsent(new FilesystemNio2BlobStore(dataDir.toString()), dataDir)
                : new TransientNio2BlobStore();
        int serverPort = port == 0 ? FreePorts.pick() : port;
        String accessKey = "devstack" + randomHex(6);
        String secretKey = randomHex(20);
        Embedded embedded = new Embedded(blobStore, temporary ? dataDir : null, serverPort, accessKey, secretKey);
        embedded.start();
        S3Server server = new S3Server(mode, serverPort, accessKey, secretKey, embedded);
        LOG.info("S3 server (S3Proxy, {}) started at {} in {} ms", mode, server.endpoint(),
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    /** {@code http://127.0.0.1:port}; use path-style addressing. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /** Creates the bucket unless it exists. Works while the server is stopped too. */
    public void createBucket(String name) {
        lifecycle.createBucket(name);
    }

    /** Stops answering; port and objects are kept for {@link #restart()}. */
    public void stop() {
        lifecycle.stop();
    }

    /** Answers again on the same port with the same objects (stops first if it runs). */
    public void restart() {
        lifecycle.restart();
    }

    /**
     * Stops the server and drops its objects unless it was started {@linkplain #startKeeping keeping} them (a shared
     * server is left to its JVM shutdown hook).
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** A server's lifecycle, and its buckets. */
    interface Lifecycle extends ServerLifecycle {
        void createBucket(String name);
    }

    /** S3Proxy in this class loader. */
    private static final class Embedded implements Lifecycle {
        private final BlobStore blobStore;
        /** Deleted by {@link #close()}; null when there is nothing to delete. */
        private final Path dataDir;
        private final int port;
        private final String accessKey;
        private final String secretKey;
        private S3Proxy proxy;

        Embedded(BlobStore blobStore, Path dataDir, int port, String accessKey, String secretKey) {
            this.blobStore = blobStore;
            this.dataDir = dataDir;
            this.port = port;
            this.accessKey = accessKey;
            this.secretKey = secretKey;
        }

        synchronized void start() {
            S3Proxy s3Proxy = S3Proxy.builder()
                    .blobStore(blobStore)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    // No graceful drain: "S3 went away" must be immediate, even with keep-alive connections open.
                    .stopTimeout(0)
                    .build();
            ContextClassLoader.run(S3Server.class, () -> {
                try {
                    s3Proxy.start();
                    Awaitility.await("the S3 server started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                            .until(() -> "STARTED".equals(s3Proxy.getState()));
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot start the S3 server on port " + port, e);
                }
            });
            proxy = s3Proxy;
        }

        @Override
        public synchronized boolean isRunning() {
            return proxy != null;
        }

        @Override
        public synchronized void stop() {
            if (shutDown()) {
                LOG.info("S3 server at http://127.0.0.1:{} stopped", port);
            }
        }

        @Override
        public synchronized void restart() {
            shutDown();
            start();
            LOG.info("S3 server at http://127.0.0.1:{} restarted", port);
        }

        @Override
        public synchronized void close() {
            shutDown();
            TempDirs.deleteQuietly(dataDir);
        }

        /** Whether it was running. */
        private boolean shutDown() {
            if (proxy == null) {
                return false;
            }
            try {
                proxy.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop the S3 server on port " + port, e);
            }
            proxy = null;
            return true;
        }

        @Override
        public void createBucket(String name) {
            if (!blobStore.containerExists(name)) {
                blobStore.createContainer(name);
            }
        }
    }

    /**
     * The filesystem store answers 500 to a key below an existing object ({@code a.mp4/b}: the file system says "not a
     * directory"); S3, and the in-memory store, answer that no such key exists.
     */
    private static final class KeysBelowFilesAreAbsent extends ForwardingBlobStore {
        private final Path root;

        KeysBelowFilesAreAbsent(BlobStore delegate, Path root) {
            super(delegate);
            this.root = root;
        }

        @Override
        public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
            requireNoFileAbove(request.bucket(), request.key());
            return super.blobMetadata(request);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
            requireNoFileAbove(request.bucket(), request.key());
            return super.getBlob(request);
        }

        private void requireNoFileAbove(String bucket, String key) {
            Path bucketDir = root.resolve(bucket).normalize();
            for (Path above = bucketDir.resolve(key).normalize().getParent();
                    above != null && above.startsWith(bucketDir) && !above.equals(bucketDir);
                    above = above.getParent()) {
                if (Files.isRegularFile(above)) {
                    throw S3Exceptions.noSuchKey(bucket, key, null);
                }
            }
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public String toString() {
        return "S3Server[" + mode + " " + endpoint() + "]";
    }
}
