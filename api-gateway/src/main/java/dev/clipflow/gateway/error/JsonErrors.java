package dev.clipflow.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;

/**
 * The one answer to a JSON body Jackson could not read, wherever the gateway reads one: 400 {@code invalid_type}
 * or {@code malformed_json}, 422 {@code invalid_field} for a value the types accept and the rules refuse.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static ApiException of(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched) {
            String field = pathOf(mismatched);
            return ApiException.badRequest("invalid_type",
                    (field == null ? "the body must be a JSON object" : "wrong type for '" + field + "'") + ": "
                            + firstLine(e.getOriginalMessage()), field);
        }
        if (e instanceof JsonMappingException mapping) {
            Throwable cause = e.getCause();
            String message = cause instanceof IllegalArgumentException ? cause.getMessage() : firstLine(e.getOriginalMessage());
            return ApiException.invalid("invalid_field", message, pathOf(mapping));
        }
        return ApiException.badRequest("malformed_json", "the body is not valid JSON: " + firstLine(e.getOriginalMessage()), null);
    }

    /** {@code clips[0].start}, or null for the body itself. */
    static String pathOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        path = path.startsWith(".") ? path.substring(1) : path;
        return path.isEmpty() ? null : path;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
