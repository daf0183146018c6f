package dev.clipflow.store.s3;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Remembers the multipart uploads this store's async client opened and has not completed or aborted, so a
 * failed put can abort what the SDK left behind.
 *
 * <p>Why: with a stream of unknown length, when the stream fails before the SDK's CreateMultipartUpload
 * answer arrives, SDK 2.44.6 abandons the upload (and may open more); measured against S3Proxy. The SDK
 * aborts correctly in every other case, and then this finds nothing to do.
 */
final class MultipartUploadTracker implements ExecutionInterceptor {

    private static final Logger LOG = Logger.getLogger(MultipartUploadTracker.class);
    private static final long SETTLE_NANOS = Duration.ofMillis(300).toNanos();
    private static final long MAX_WAIT_NANOS = Duration.ofSeconds(5).toNanos();

    private final Map<String, Set<String>> openUploads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creating = new ConcurrentHashMap<>();
    private final AtomicLong lastCreateEvent = new AtomicLong(System.nanoTime());

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof CreateMultipartUploadRequest create) {
            creating.compute(create.key(), (k, count) -> {
                AtomicInteger pending = count == null ? new AtomicInteger() : count;
                pending.incrementAndGet();
                return pending;
            });
            lastCreateEvent.set(System.nanoTime());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof CreateMultipartUploadRequest create
                && context.response() instanceof CreateMultipartUploadResponse created) {
            openUploads.computeIfAbsent(create.key(), k -> ConcurrentHashMap.newKeySet()).add(created.uploadId());
            createFinished(create.key());
        } else if (context.request() instanceof CompleteMultipartUploadRequest complete) {
            forget(complete.key(), complete.uploadId());
        } else if (context.request() instanceof AbortMultipartUploadRequest abort) {
            forget(abort.key(), abort.uploadId());
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof CreateMultipartUploadRequest create) {
            createFinished(create.key());
        }
    }

    private void createFinished(String key) {
        creating.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
        lastCreateEvent.set(System.nanoTime());
    }

    private void forget(String key, String uploadId) {
        openUploads.computeIfPresent(key, (k, ids) -> {
            ids.remove(uploadId);
            return ids.isEmpty() ? null : ids;
        });
    }

    /** After a failed put of {@code key}: waits for the SDK's pending creates to settle, then aborts what stays open. */
    void abortLeftovers(String bucket, String key, S3Client client) {
        long started = System.nanoTime();
        while (System.nanoTime() - started < MAX_WAIT_NANOS) {
            AtomicInteger pending = creating.get(key);
            boolean quiet = (pending == null || pending.get() <= 0) && System.nanoTime() - lastCreateEvent.get() > SETTLE_NANOS;
            if (quiet) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Set<String> ids = openUploads.remove(key);
        creating.remove(key);
        if (ids == null) {
            return;
        }
        for (String uploadId : ids) {
            try {
                client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (NoSuchUploadException alreadyGone) {
                // completed or aborted meanwhile
            } catch (RuntimeException e) {
                LOG.warnf("Cannot abort incomplete multipart upload %s of '%s' (%s): its parts stay billed until a "
                        + "bucket lifecycle rule removes them", uploadId, key, e.getMessage());
            }
        }
    }
}
