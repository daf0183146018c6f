package dev.clipflow.store.s3;

import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.ByteRange;
import dev.clipflow.store.ChecksumMismatchException;
import dev.clipflow.store.KeyRules;
import dev.clipflow.store.ObjectInfo;
import dev.clipflow.store.PutOptions;
import dev.clipflow.store.StorageException;
import dev.clipflow.store.StorageInterruptedException;
import dev.clipflow.store.StorageType;
import dev.clipflow.store.StorageUnavailableException;
import dev.clipflow.store.config.StorageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.MessageDigestAlgorithms;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.model.UploadRequest;

/**
 * Objects in an S3 bucket (AWS or S3-compatible), through the AWS SDK v2.
 *
 * <p>Puts go through the transfer manager on the Java-based multipart client: above
 * {@code S3_MULTIPART_THRESHOLD_MB} the object is sent in {@code S3_MULTIPART_CHUNK_MB} parts,
 * {@code S3_MAX_CONCURRENCY} at a time, and a failed multipart upload is aborted by the SDK. Every put carries
 * SHA-256 checksums that S3 verifies (the whole object's for single-part puts, each part's for multipart
 * ones), the configured server-side encryption, and the hex SHA-256 as user metadata {@code sha256}.
 * A put waits for its transfer interruptibly: an interrupt of the calling thread cancels the transfer (the SDK
 * aborts a multipart upload) and ends the put with {@link StorageInterruptedException}.
 * The bucket is never made public: sharing is by presigned GET only.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private static final Duration MAX_PRESIGN = Duration.ofDays(7);
    private static final Duration REACHABILITY_TIMEOUT = Duration.ofSeconds(10);

    private final StorageConfig.S3 config;
    private final Duration defaultUrlLifetime;
    private final S3Client sync;
    private final S3Presigner presigner;
    private final S3TransferManager transfers;
    private final ExecutorService streamReaders;
    private final Optional<ServerSideEncryption> sse;

    /**
     * On the given clients (quarkus-amazon-s3's, which the application owns and closes): the sync one for head, get,
     * list and delete, the multipart async one behind the transfer manager for puts, and the presigner.
     */
    public S3ArtifactStore(StorageConfig.S3 config, Duration defaultUrlLifetime, S3Client sync, S3AsyncClient async,
            S3Presigner presigner) {
        this.config = config;
        this.defaultUrlLifetime = defaultUrlLifetime;
        this.sse = config.sse().map(S3ArtifactStore::serverSideEncryption);
        this.sync = sync;
        this.presigner = presigner;
        this.transfers = S3TransferManager.builder().s3Client(async).build();
        AtomicInteger threads = new AtomicInteger();
        this.streamReaders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "artifact-store-s3-stream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    static ServerSideEncryption serverSideEncryption(String value) {
        ServerSideEncryption parsed = ServerSideEncryption.fromValue(value);
        if (parsed == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException("S3_SSE must be AES256 or aws:kms, not '" + value + "'");
        }
        return parsed;
    }

    public String bucket() {
        return config.bucket();
    }

    @Override
    public StorageType type() {
        return StorageType.S3;
    }

    @Override
    public ObjectInfo put(String key, Path file, PutOptions options) {
        KeyRules.requireValidKey(key);
        String expected = KeyRules.normalizeSha256(options.sha256());
        String actual;
        try {
            actual = new DigestUtils(MessageDigestAlgorithms.SHA_256).digestAsHex(file);
        } catch (ClosedByInterruptException e) {
            throw interrupted(key, e);
        } catch (NoSuchFileException e) {
            throw new StorageException("no file to store at " + file, e);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (expected != null && !expected.equals(actual)) {
            throw new ChecksumMismatchException(key, expected, actual);
        }
        return putVerifiedFile(key, file, options, actual);
    }

    private ObjectInfo putVerifiedFile(String key, Path file, PutOptions options, String sha256) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        PutObjectRequest request = putRequest(key, options, sha256, size < thresholdBytes() ? sha256 : null);
        try {
            await(key, transfers.uploadFile(UploadFileRequest.builder().putObjectRequest(request).source(file).build())
                    .completionFuture());
        } catch (CompletionException | SdkException e) {
            throw S3Errors.map(key, e, sha256);
        }
        return stored(key);
    }

    /**
     * Waits for a transfer; an interrupt cancels it, which cancels its requests in flight and, for a multipart
     * upload, makes the SDK abort it: S3 never completes the object.
     */
    private static void await(String key, CompletableFuture<?> transfer) {
        try {
            transfer.get();
        } catch (InterruptedException e) {
            transfer.cancel(true);
            throw interrupted(key, e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (CancellationException e) {
            throw new CompletionException(e); // cancelled by someone else, e.g. the transfer manager closing
        }
    }

    /** Sets the interrupt status again (an {@link InterruptedException} cleared it) for whoever called the put. */
    private static StorageInterruptedException interrupted(String key, Exception cause) {
        Thread.currentThread().interrupt();
        return new StorageInterruptedException(key, cause);
    }

    /**
     * Below the multipart threshold with a known length: streamed straight to S3 in one PUT. Otherwise
     * spooled to a temp file first, then put as a file. Why: a stream that fails during a multipart upload
     * left incomplete multipart uploads behind (SDK 2.44.6 against S3Proxy: orphan uploads when an
     * unknown-length stream fails before CreateMultipartUpload answers, with the CRT and the Netty clients
     * alike; parts still in flight after the abort when a known-length one fails). A spooled file cannot
     * fail mid-way, so a failing stream never reaches S3 as a multipart upload. Spooling also gives every
     * stream its SHA-256 before the upload, so {@code head} reports it as the local store does.
     */
    @Override
    public ObjectInfo put(String key, InputStream content, long length, PutOptions options) {
        KeyRules.requireValidKey(key);
        String expected = KeyRules.normalizeSha256(options.sha256());
        if (length < 0 || length >= thresholdBytes()) {
            return putSpooled(key, content, length, options, expected);
        }
        PutObjectRequest request = putRequest(key, options, expected, expected);
        SourceStream source = new SourceStream(content, length, expected);
        AsyncRequestBody body = AsyncRequestBody.fromInputStream(b -> b
                .inputStream(source)
                .contentLength(length)
                .executor(streamReaders));
        try {
            await(key, transfers.upload(UploadRequest.builder().putObjectRequest(request).requestBody(body).build())
                    .completionFuture());
        } catch (CompletionException | SdkException e) {
            IOException sourceFailure = source.failure();
            if (sourceFailure instanceof SourceStream.ChecksumMismatch mismatch) {
                throw new ChecksumMismatchException(key, expected, mismatch.actual);
            }
            if (sourceFailure != null) {
                throw streamFailed(key, sourceFailure);
            }
            throw S3Errors.map(key, e, expected);
        }
        return stored(key);
    }

    private ObjectInfo putSpooled(String key, InputStream content, long length, PutOptions options, String expected) {
        Path spool = null;
        try {
            spool = Files.createTempFile("clipflow-s3-spool-", ".part");
            MessageDigest digest = DigestUtils.getSha256Digest();
            long copied;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spool), digest)) {
                copied = content.transferTo(out);
            } catch (ClosedByInterruptException | InterruptedIOException e) {
                throw interrupted(key, e);
            } catch (IOException e) {
                throw streamFailed(key, e);
            }
            if (length >= 0 && copied != length) {
                throw new StorageException("stream for '" + key + "' gave " + copied + " bytes, " + length + " announced; nothing stored");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (expected != null && !expected.equals(actual)) {
                throw new ChecksumMismatchException(key, expected, actual);
            }
            return putVerifiedFile(key, spool, options, actual);
        } catch (IOException e) {
            throw new StorageException("cannot spool the stream for '" + key + "': " + e.getMessage(), e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // in the temp folder: the OS cleans it
                }
            }
        }
    }

    private static StorageException streamFailed(String key, IOException cause) {
        return new StorageException("the stream for '" + key + "' failed after part of it was read; nothing stored: "
                + cause.getMessage(), cause);
    }

    private PutObjectRequest putRequest(String key, PutOptions options, String sha256Metadata, String wholeObjectSha256) {
        Map<String, String> metadata = new HashMap<>(KeyRules.normalizeMetadata(options.userMetadata()));
        if (sha256Metadata != null) {
            metadata.put(KeyRules.SHA256_METADATA, sha256Metadata);
        }
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(key)
                .contentType(options.contentType())
                .metadata(metadata)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256);
        if (wholeObjectSha256 != null) {
            request.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(wholeObjectSha256)));
        }
        sse.ifPresent(encryption -> {
            request.serverSideEncryption(encryption);
            if (encryption == ServerSideEncryption.AWS_KMS) {
                config.sseKmsKeyId().ifPresent(request::ssekmsKeyId);
            }
        });
        return request.build();
    }

    private long thresholdBytes() {
        return config.multipartThresholdMb() * 1024L * 1024L;
    }

    private ObjectInfo stored(String key) {
        return head(key).orElseThrow(() -> new StorageException("'" + key + "' was stored but is not visible"));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        KeyRules.requireValidKey(key);
        try {
            HeadObjectResponse head = sync.headObject(b -> b.bucket(config.bucket()).key(key));
            Map<String, String> metadata = new HashMap<>(head.metadata());
            String sha256 = metadata.remove(KeyRules.SHA256_METADATA);
            return Optional.of(new ObjectInfo(key, head.contentLength(), S3Errors.unquote(head.eTag()), head.lastModified(),
                    head.contentType(), metadata, sha256));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !S3Errors.isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw S3Errors.map(key, e, null);
        } catch (SdkException e) {
            throw S3Errors.map(key, e, null);
        }
    }

    @Override
    public InputStream get(String key) {
        KeyRules.requireValidKey(key);
        return get(key, GetObjectRequest.builder().bucket(config.bucket()).key(key).build());
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        KeyRules.requireValidKey(key);
        return get(key, GetObjectRequest.builder().bucket(config.bucket()).key(key)
                .range("bytes=" + range.first() + "-" + range.last()).build());
    }

    private InputStream get(String key, GetObjectRequest request) {
        try {
            return sync.getObject(request);
        } catch (SdkException e) {
            throw S3Errors.map(key, e, null);
        }
    }

    @Override
    public byte[] getBytes(String key) {
        KeyRules.requireValidKey(key);
        try {
            return sync.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key)).asByteArray();
        } catch (SdkException e) {
            throw S3Errors.map(key, e, null);
        }
    }

    @Override
    public void delete(String key) {
        KeyRules.requireValidKey(key);
        try {
            sync.deleteObject(b -> b.bucket(config.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw S3Errors.map(key, e, null);
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix, String suffix) {
        String validPrefix = KeyRules.requireValidPrefix(prefix);
        String validSuffix = suffix == null ? "" : suffix;
        // Every page, the first one included, is requested inside hasNext()/next() so its errors are mapped too.
        Iterator<S3Object> mapped = new Iterator<>() {
            private Iterator<S3Object> pages;

            private Iterator<S3Object> pages() {
                if (pages == null) {
                    pages = sync.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(validPrefix))
                            .contents().iterator();
                }
                return pages;
            }

            @Override
            public boolean hasNext() {
                try {
                    return pages().hasNext();
                } catch (SdkException e) {
                    throw S3Errors.map(validPrefix, e, null);
                }
            }

            @Override
            public S3Object next() {
                try {
                    return pages().next();
                } catch (SdkException e) {
                    throw S3Errors.map(validPrefix, e, null);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(mapped, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .filter(object -> object.key().endsWith(validSuffix))
                .map(object -> new ObjectInfo(object.key(), object.size(), S3Errors.unquote(object.eTag()), object.lastModified(),
                        null, null, null));
    }

    @Override
    public String urlFor(String key, Duration lifetime) {
        KeyRules.requireValidKey(key);
        Duration validity = lifetime == null ? defaultUrlLifetime : lifetime;
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("URL lifetime must be positive: " + validity);
        }
        if (validity.compareTo(MAX_PRESIGN) > 0) {
            validity = MAX_PRESIGN; // SigV4 presigned URLs live at most 7 days
        }
        Duration signatureDuration = validity;
        return presigner.presignGetObject(b -> b
                        .signatureDuration(signatureDuration)
                        .getObjectRequest(get -> get.bucket(config.bucket()).key(key)))
                .url().toString();
    }

    @Override
    public void checkReachable() {
        try {
            sync.headBucket(b -> b.bucket(config.bucket())
                    .overrideConfiguration(o -> o.apiCallTimeout(REACHABILITY_TIMEOUT)));
        } catch (SdkException e) {
            throw new StorageUnavailableException(S3Errors.whyUnreachable(config, e), e);
        }
    }

    @Override
    public void close() {
        streamReaders.shutdownNow();
        transfers.close(); // leaves the async client it was given open
    }
}
