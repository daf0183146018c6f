package dev.clipflow.gateway.rest;

import dev.clipflow.contracts.http.ApiError;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.error.JsonErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.clipflow.contracts.JobId;
import dev.clipflow.gateway.submit.GatewayMetrics;
import dev.clipflow.store.InvalidKeyException;
import dev.clipflow.store.NoSuchObjectException;
import dev.clipflow.store.StorageUnavailableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves as an {@link ApiError}; bad input is never a 500. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final GatewayMetrics metrics;

    public ErrorMappers(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response invalidJobId(JobId.InvalidJobIdException e) {
        return json(422, "invalid_job_id", e.getMessage(), "job_id");
    }

    /** Declared for the exact type so it wins over Quarkus' built-in mapper, which answers without a body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        ApiException answer = JsonErrors.of(e);
        metrics.rejected(answer.code());
        return answer.toResponse();
    }

    @ServerExceptionMapper
    public Response invalidKey(InvalidKeyException e) {
        return json(400, "invalid_key", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response noSuchObject(NoSuchObjectException e) {
        return json(404, "not_found", "no such object", null);
    }

    @ServerExceptionMapper
    public Response storageDown(StorageUnavailableException e) {
        LOG.warnf("storage unavailable: %s", e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "10")
                .entity(ApiError.of("storage_unavailable", "storage is unavailable, try again later", null)).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code;
        if (e instanceof NotFoundException) {
            code = "not_found";
        } else if (e instanceof NotAllowedException) {
            code = "method_not_allowed";
        } else if (e instanceof NotSupportedException) {
            code = "unsupported_media_type";
        } else if (e instanceof NotAcceptableException) {
            code = "not_acceptable";
        } else {
            code = status == 413 ? "request_too_large" : status < 500 ? "bad_request" : "server_error";
        }
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return json(status, code, message, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure while answering a request", e);
        return json(500, "internal_error", "unexpected server error", null);
    }

    static Response json(int status, String code, String message, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, message, field)).build();
    }
}
