package dev.clipflow.gateway.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.clipflow.gateway.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.stream.Collectors;

/** Reads a JSON submission, turning every Jackson failure into a 400 that names the field. */
@ApplicationScoped
public class SubmissionParser {

    private final ObjectReader reader;

    public SubmissionParser(ObjectMapper json) {
        this.reader = json.readerFor(JobSubmission.class);
    }

    public JobSubmission parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("missing_body", "send a JSON object with 'source_url' and the job options", null);
        }
        try {
            JobSubmission submission = reader.readValue(body);
            if (submission == null) {
                throw ApiException.badRequest("missing_body", "send a JSON object with 'source_url' and the job options", null);
            }
            return submission;
        } catch (MismatchedInputException e) {
            String field = pathOf(e);
            throw ApiException.badRequest("invalid_type",
                    (field == null ? "the body must be a JSON object" : "wrong type for '" + field + "'") + ": "
                            + firstLine(e.getOriginalMessage()), field);
        } catch (JsonMappingException e) {
            String field = pathOf(e);
            throw ApiException.badRequest("invalid_field", firstLine(e.getOriginalMessage()), field);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "the body is not valid JSON: " + firstLine(e.getOriginalMessage()), null);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body cannot be read: " + e.getMessage(), null);
        }
    }

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
