package dev.clipflow.store.s3;

import dev.clipflow.store.ChecksumMismatchException;
import dev.clipflow.store.NoSuchObjectException;
import dev.clipflow.store.StorageException;
import dev.clipflow.store.StorageInterruptedException;
import dev.clipflow.store.StorageUnavailableException;
import dev.clipflow.store.config.StorageConfig;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** SDK errors as the store's exceptions: transient ones as {@link StorageUnavailableException}. */
final class S3Errors {

    private static final Set<String> CHECKSUM_ERRORS = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
            "InvalidChecksum");

    private S3Errors() {
    }

    static StorageException map(String key, Throwable thrown, String expectedSha256) {
        Throwable e = unwrap(thrown);
        if (e instanceof StorageException storage) {
            return storage;
        }
        if (e instanceof NoSuchKeyException) {
            return new NoSuchObjectException(key);
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (isNoSuchBucket(s3)) {
                return new StorageUnavailableException("bucket does not exist (" + s3.getMessage() + ")", s3);
            }
            if (status == 404) {
                return new NoSuchObjectException(key);
            }
            if (status >= 500 || status == 429 || s3.isThrottlingException()) {
                return new StorageUnavailableException("S3 unavailable for '" + key + "': " + s3.getMessage(), s3);
            }
            if (code != null && CHECKSUM_ERRORS.contains(code)) {
                return new ChecksumMismatchException(key, String.valueOf(expectedSha256), "different bytes (S3: " + code + ")");
            }
            if (status == 416) {
                return new StorageException("range not satisfiable for '" + key + "'", s3);
            }
            if (status == 403) {
                return new StorageException("access denied for '" + key + "': " + s3.getMessage(), s3);
            }
            return new StorageException("S3 refused '" + key + "': " + s3.getMessage(), s3);
        }
        if (e instanceof AbortedException aborted) {
            // the SDK's answer to a call made, or waited for, on an interrupted thread: not an outage
            Thread.currentThread().interrupt();
            return new StorageInterruptedException(key, aborted);
        }
        if (e instanceof SdkClientException client) {
            return new StorageUnavailableException("S3 not reachable for '" + key + "': " + client.getMessage(), client);
        }
        return new StorageException("S3 operation on '" + key + "' failed: " + e, e);
    }

    static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    /** The reason HeadBucket failed, in the terms of the configuration a user has to fix. */
    static String whyUnreachable(StorageConfig.S3 config, Throwable thrown) {
        Throwable e = unwrap(thrown);
        String bucket = "bucket '" + config.bucket() + "'";
        String where = config.endpoint().map(uri -> " at " + uri).orElse(" in " + config.region());
        if (e instanceof S3Exception s3) {
            return switch (s3.statusCode()) {
                case 404 -> bucket + where + " does not exist (AWS_S3_BUCKET / S3_BUCKET_NAME)";
                case 403 -> "access to " + bucket + where
                        + " denied: wrong credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) or no s3:ListBucket permission";
                case 301, 307 -> bucket + " is not in region " + config.region() + " (AWS_REGION)";
                default -> bucket + where + " answered HTTP " + s3.statusCode() + ": " + s3.getMessage();
            };
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("credentials")) {
            return "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure the default chain ("
                    + message + ")";
        }
        return "S3 endpoint" + where + " unreachable: " + message;
    }

    static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof SdkClientException && current.getCause() instanceof S3Exception)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
