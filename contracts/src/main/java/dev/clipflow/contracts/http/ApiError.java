package dev.clipflow.contracts.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error body of every Clipflow HTTP API: {@code {"error": {"code", "message", "field"?}}}, the field
 * left out when the error is not about one.
 */
public record ApiError(Detail error) {

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Detail(code, message, field));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {
    }
}
