package dev.clipflow.gallery.rest;

/** The JSON error body: {@code {"error": {"code", "message", "field"}}}. */
public record ApiError(Detail error) {

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Detail(code, message, field));
    }

    public record Detail(String code, String message, String field) {
    }
}
