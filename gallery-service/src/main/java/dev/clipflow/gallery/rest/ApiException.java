package dev.clipflow.gallery.rest;

import dev.clipflow.contracts.http.ApiError;
import jakarta.ws.rs.core.Response;

/** An answer other than 200, with its JSON error body. */
public class ApiException extends RuntimeException {

    private final int status;
    private final ApiError error;

    public ApiException(Response.Status status, String code, String message, String field) {
        this(status.getStatusCode(), code, message, field);
    }

    private ApiException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.error = ApiError.of(code, message, field);
    }

    /** A parameter the request could be read with but not served: 422, as the gateway answers. */
    public static ApiException badParameter(String field, String message) {
        return badParameter("invalid_parameter", field, message);
    }

    public static ApiException badParameter(String code, String field, String message) {
        return new ApiException(422, code, message, field);
    }

    public Response toResponse() {
        return Response.status(status).type("application/json").entity(error).build();
    }
}
