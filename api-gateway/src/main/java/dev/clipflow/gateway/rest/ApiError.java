package dev.clipflow.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error body of the API: {@code {"error": {"code", "message", "field"?}}}. */
public record ApiError(Detail error) {

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Detail(code, message, field));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {
    }
}
