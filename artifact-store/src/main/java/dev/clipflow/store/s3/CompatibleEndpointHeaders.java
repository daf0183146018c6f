package dev.clipflow.store.s3;

import dev.clipflow.store.config.StorageConfig;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * For S3-compatible endpoints (S3_ENDPOINT): drops {@code x-amz-mp-object-size}, an optional header newer SDKs
 * send with CompleteMultipartUpload that S3Proxy (and other compatible stores) answer with 501 Not Implemented.
 * Listed in {@code quarkus.s3.interceptors}; the extension takes it from CDI.
 */
@Singleton
public class CompatibleEndpointHeaders implements ExecutionInterceptor {

    private static final String MP_OBJECT_SIZE = "x-amz-mp-object-size";

    private final boolean compatibleEndpoint;

    public CompatibleEndpointHeaders(StorageConfig config) {
        this.compatibleEndpoint = config.s3().endpoint().isPresent();
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return compatibleEndpoint && request.firstMatchingHeader(MP_OBJECT_SIZE).isPresent()
                ? request.toBuilder().removeHeader(MP_OBJECT_SIZE).build()
                : request;
    }
}
