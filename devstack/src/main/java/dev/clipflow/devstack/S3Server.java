package dev.clipflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        /** Files in a temporary directory; answers 501 Not Implemented to server-side encryption headers. */
        FILESYSTEM
    }

    public static final String REGION = "us-east-1";

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mode mode;
    private final int port;
    private final BlobStore blobStore;
    private final Path dataDir;
    private final String accessKey = "devstack" + randomHex(6);
    private final String secretKey = randomHex(20);
    private S3Proxy proxy;

    private S3Server(Mode mode, int port, BlobStore blobStore, Path dataDir) {
        this.mode = mode;
        this.port = port;
        this.blobStore = blobStore;
        this.dataDir = dataDir;
    }

    /** Starts a server on a free loopback port. */
    public static S3Server start(Mode mode) {
        return start(mode, 0);
    }

    /** Starts a server on the given loopback port (0: a free one). */
    public static S3Server start(Mode mode, int port) {
        DevstackLogging.quietDependencies();
        long started = System.nanoTime();
        Path dataDir = null;
        BlobStore blobStore;
        if (mode == Mode.FILESYSTEM) {
            try {
                dataDir = Files.createTempDirectory("clipflow-s3-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the S3 data directory", e);
            }
            blobStore = new FilesystemNio2BlobStore(dataDir.toString());
        } else {
            blobStore = new TransientNio2BlobStore();
        }
        S3Server server = new S3Server(mode, port == 0 ? FreePorts.pick() : port, blobStore, dataDir);
        server.startProxy();
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

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /** Creates the bucket unless it exists. Works while the server is stopped too. */
    public void createBucket(String name) {
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
    }

    /** Stops answering; port and objects are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the S3 server at " + endpoint(), e);
        }
        proxy = null;
        LOG.info("S3 server at {} stopped", endpoint());
    }

    /** Answers again on the same port with the same objects (stops first if it runs). */
    public synchronized void restart() {
        stop();
        startProxy();
        LOG.info("S3 server at {} restarted", endpoint());
    }

    /** Stops the server and drops its objects. */
    @Override
    public synchronized void close() {
        stop();
        TempDirs.deleteQuietly(dataDir);
    }

    private synchronized void startProxy() {
        S3Proxy s3Proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // No graceful drain: "S3 went away" must be immediate, even with clients' keep-alive connections open.
                .stopTimeout(0)
                .build();
        try {
            s3Proxy.start();
            while (!"STARTED".equals(s3Proxy.getState())) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the S3 server at " + endpoint(), e);
        }
        proxy = s3Proxy;
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
