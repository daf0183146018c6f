package dev.clipflow.gateway.error;

import dev.clipflow.contracts.http.ApiError;
import jakarta.ws.rs.core.Response;

/** A request the gateway answers with a 4xx/5xx and an {@link ApiError} body. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final String retryAfterSeconds;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    private ApiException(int status, String code, String message, String field, String retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }

    public static ApiException invalid(String code, String message, String field) {
        return new ApiException(422, code, message, field);
    }

    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "file_too_large",
                "the upload is larger than the limit of " + (maxBytes / (1024 * 1024)) + " MB", "file");
    }

    public static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(503, code, message, null, Integer.toString(retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, getMessage(), field));
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}
