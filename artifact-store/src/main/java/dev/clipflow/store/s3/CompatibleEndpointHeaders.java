package dev.clipflow.store.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * For S3-compatible endpoints (S3_ENDPOINT): drops {@code x-amz-mp-object-size}, an optional header newer SDKs
 * send with CompleteMultipartUpload that S3Proxy (and other compatible stores) answer with 501 Not Implemented.
 */
final class CompatibleEndpointHeaders implements ExecutionInterceptor {

    private static final String MP_OBJECT_SIZE = "x-amz-mp-object-size";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader(MP_OBJECT_SIZE).isPresent()
                ? request.toBuilder().removeHeader(MP_OBJECT_SIZE).build()
                : request;
    }
}
