package dev.clipflow.clipworker.captions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clipflow.clipworker.retry.DoublingRetries;
import dev.clipflow.contracts.captions.Word;
import dev.clipflow.contracts.json.ClipflowJson;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.util.TypeLiteral;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAI-compatible {@code POST /v1/audio/transcriptions} (OpenAI, whisper.cpp's server, faster-whisper
 * servers, LocalAI): multipart {@code file}, {@code model}, {@code response_format=verbose_json} and
 * {@code timestamp_granularities[]=word}; the answer's {@code words} (else its {@code segments}, each one
 * timed group of words) are read. Transient failures (connection, 429, 5xx) are retried with doubling pauses, through
 * SmallRye Fault Tolerance.
 */
public final class OpenAiTranscriber implements Transcriber {

    private static final TypeLiteral<List<Word>> WORDS = new TypeLiteral<>() { };

    private final URI endpoint;
    private final Optional<String> apiKey;
    private final String model;
    private final Duration timeout;
    private final HttpClient http;
    private final Guard retries;

    public OpenAiTranscriber(String baseUrl, Optional<String> apiKey, String model, int attempts, Duration backoff,
            Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base.endsWith("/v1/audio/transcriptions") ? base : base + "/v1/audio/transcriptions");
        this.apiKey = apiKey.filter(k -> !k.isBlank());
        this.model = model;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.retries = DoublingRetries.of(attempts, backoff, TransientAnswer.class);
    }

    @Override
    public List<Word> transcribe(Path audio) throws TranscriptionUnavailableException {
        String boundary = "clipflow-" + UUID.randomUUID();
        byte[] body;
        try {
            body = multipart(boundary, audio);
        } catch (IOException e) {
            throw new TranscriptionUnavailableException("cannot read the extracted audio: " + e.getMessage(), e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpRequest built = request.build();
        try {
            return retries.call(() -> attempt(built), WORDS);
        } catch (TranscriptionUnavailableException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a pause cut short: the job is cancelled or the worker is stopping
            throw new TranscriptionUnavailableException("interrupted", e);
        } catch (Exception e) {
            throw new TranscriptionUnavailableException(e.getMessage(), e);
        }
    }

    private List<Word> attempt(HttpRequest request) throws TranscriptionUnavailableException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 200) {
                return words(response.body());
            }
            String problem = "the transcription service answered HTTP " + status;
            throw status == 429 || status >= 500 ? new TransientAnswer(problem) : new TranscriptionUnavailableException(problem, null);
        } catch (IOException e) {
            throw new TransientAnswer("the transcription service cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionUnavailableException("interrupted", e);
        }
    }

    /** A failure worth another attempt: no answer, too many requests, or a server error. */
    private static final class TransientAnswer extends TranscriptionUnavailableException {
        TransientAnswer(String problem) {
            super(problem, null);
        }
    }

    private byte[] multipart(String boundary, Path audio) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, boundary, "model", model);
        field(out, boundary, "response_format", "verbose_json");
        field(out, boundary, "timestamp_granularities[]", "word");
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(Files.readAllBytes(audio));
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) throws IOException {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code words[]} with {@code word}, {@code start}, {@code end}; else each segment as one timed group. */
    static List<Word> words(byte[] json) throws TranscriptionUnavailableException {
        JsonNode root;
        try {
            root = ClipflowJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new TranscriptionUnavailableException("the transcription service answered with no JSON", e);
        }
        List<Word> words = new ArrayList<>();
        for (JsonNode w : root.path("words")) {
            addWord(words, w.path("word").asText(""), w.path("start"), w.path("end"));
        }
        if (words.isEmpty()) {
            for (JsonNode segment : root.path("segments")) {
                addWord(words, segment.path("text").asText(""), segment.path("start"), segment.path("end"));
            }
        }
        if (words.isEmpty() && root.path("text").asText("").isBlank() && !root.has("words") && !root.has("segments")) {
            throw new TranscriptionUnavailableException("the transcription service answered without words or segments", null);
        }
        return words;
    }

    private static void addWord(List<Word> words, String text, JsonNode start, JsonNode end) {
        if (!text.isBlank() && start.isNumber() && end.isNumber() && start.asDouble() >= 0
                && end.asDouble() >= start.asDouble()) {
            words.add(new Word(start.asDouble(), end.asDouble(), text));
        }
    }
}
