package dev.clipflow.gateway.submit;

import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.gateway.error.JsonErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** Reads a JSON submission; a body Jackson cannot read is answered as everywhere else ({@link JsonErrors}). */
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
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(e);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the body cannot be read: " + e.getMessage(), null);
        }
    }
}
