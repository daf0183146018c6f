package dev.clipflow.gateway.rest;

import dev.clipflow.contracts.http.ApiError;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.submit.GatewayMetrics;
import dev.clipflow.gateway.submit.JobSubmitter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose Content-Length is over its limit before anything reads the body, with the
 * API's JSON error: an upload ({@code POST /jobs}, multipart) may carry {@code MAX_FILE_SIZE_MB} plus
 * room for the form; every other request 1 MiB. Runs just before Quarkus' own body-size check, which
 * (set a little higher from {@code MAX_FILE_SIZE_MB}) stays as the backstop for chunked bodies.
 */
@ApplicationScoped
public class RequestSizeLimit {

    static final long MAX_OTHER_BODY_BYTES = 1024 * 1024;

    private final long maxUploadRequestBytes;
    private final long maxFileBytes;
    private final GatewayMetrics metrics;

    public RequestSizeLimit(GatewayConfig config, GatewayMetrics metrics) {
        this.maxFileBytes = config.maxFileSizeBytes();
        this.maxUploadRequestBytes = maxFileBytes + JobSubmitter.FORM_OVERHEAD_BYTES;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            boolean upload = ctx.request().method() == HttpMethod.POST && isJobs(ctx.normalizedPath())
                    && String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).startsWith("multipart/");
            long limit = upload ? maxUploadRequestBytes : MAX_OTHER_BODY_BYTES;
            if (length > limit) {
                ApiException refusal = upload ? ApiException.tooLarge(maxFileBytes)
                        : new ApiException(413, "request_too_large", "the request body is larger than " + limit + " bytes", null);
                metrics.rejected(refusal.code());
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(ApiError.of(refusal.code(), refusal.getMessage(), refusal.field())));
                return;
            }
        }
        ctx.next();
    }

    private static boolean isJobs(String path) {
        return path.equals("/jobs") || path.equals("/jobs/");
    }
}
