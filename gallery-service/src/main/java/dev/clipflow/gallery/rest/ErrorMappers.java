package dev.clipflow.gallery.rest;

import dev.clipflow.store.StorageException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as JSON bodies, never stack traces. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response storage(StorageException e) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "storage_unavailable",
                "storage cannot be read now, try again later: " + e.getMessage(), null).toResponse();
    }
}
