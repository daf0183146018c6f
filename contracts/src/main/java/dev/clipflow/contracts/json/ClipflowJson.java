package dev.clipflow.contracts.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.events.ClipflowEvent;
import dev.clipflow.contracts.metadata.JobMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The one JSON dialect of Clipflow: snake_case names, ISO-8601 instants, absent fields omitted,
 * unknown fields ignored (so older readers accept newer events).
 */
public final class ClipflowJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** A copy of the configured mapper, for code that needs Jackson directly. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static byte[] encodeEvent(ClipflowEvent event) {
        return write(event);
    }

    public static ClipflowEvent decodeEvent(byte[] json) {
        return read(json, ClipflowEvent.class, "event", EarlierVersions::upgrade);
    }

    public static ClipflowEvent decodeEvent(String json) {
        return decodeEvent(json.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] encodeMetadata(JobMetadata metadata) {
        return write(metadata);
    }

    public static JobMetadata decodeMetadata(byte[] json) {
        return read(json, JobMetadata.class, "metadata document", UnaryOperator.identity());
    }

    public static byte[] encodeCaptions(Captions captions) {
        return write(captions);
    }

    public static Captions decodeCaptions(byte[] json) {
        return read(json, Captions.class, "captions document", UnaryOperator.identity());
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type, String what, UnaryOperator<JsonNode> upgrade) {
        if (json == null || json.length == 0) {
            throw new InvalidJsonException("empty " + what, null);
        }
        try {
            return MAPPER.treeToValue(upgrade.apply(MAPPER.readTree(json)), type);
        } catch (JsonMappingException e) {
            throw new InvalidJsonException("invalid " + what + ": " + rootMessage(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException("malformed JSON in " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidJsonException("unreadable " + what + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonMappingException jme ? jme.getOriginalMessage() : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private ClipflowJson() {
    }
}
