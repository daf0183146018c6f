package dev.clipflow.gallery.rest;

import dev.clipflow.contracts.http.ApiError;
import jakarta.ws.rs.core.Response;

/** An answer other than 200, with its JSON error body. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final ApiError error;

    public ApiException(Response.Status status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.error = ApiError.of(code, message, field);
    }

    public static ApiException badParameter(String field, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "invalid_parameter", message, field);
    }

    public Response toResponse() {
        return Response.status(status).type("application/json").entity(error).build();
    }
}
