package dev.clipflow.gateway.submit;

import dev.clipflow.contracts.captions.CaptionParseException;
import dev.clipflow.contracts.captions.CaptionParser;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.source.RejectedSourceUrlException;
import dev.clipflow.contracts.source.SourceUrlPolicy;
import dev.clipflow.gateway.config.GatewayConfig;
import dev.clipflow.gateway.error.ApiException;
import dev.clipflow.store.ArtifactStore;
import dev.clipflow.store.PutOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Takes in a job's captions: a file sent with it or fetched from {@code captions_url} (every redirect checked
 * against the {@link SourceUrlPolicy} of {@code source_url}), size-capped and parsed here so a bad file is a
 * 422 naming its line, then stored normalized as {@code uploads/{job_id}/captions.json} for the worker.
 */
@ApplicationScoped
public class CaptionsIntake {

    private static final int MAX_REDIRECTS = 5;

    private final GatewayConfig.Captions config;
    private final SourceUrlPolicy policy;
    private final ArtifactStore store;
    private final HttpClient http;

    @Inject
    public CaptionsIntake(GatewayConfig config, ArtifactStore store) {
        this.config = config.captions();
        this.policy = new SourceUrlPolicy(config.sourceUrlAllowPrivate());
        this.store = store;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.fetchTimeout()).build();
    }

    public int maxBytes() {
        return config.maxKb() * 1024;
    }

    /** Reads and parses a captions file sent with the job. */
    public Captions read(InputStream content) throws IOException {
        return parse(readCapped(content));
    }

    /** Fetches and parses the captions at a URL the validator has already checked once. */
    public Captions fetch(String url) {
        long deadline = System.nanoTime() + config.fetchTimeout().toNanos();
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI uri = checked(current);
            HttpResponse<InputStream> response = send(uri, deadline);
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                    current = uri.resolve(response.headers().firstValue("location").get()).toString();
                    continue;
                }
                if (status != 200) {
                    throw ApiException.invalid("captions_unreachable", "captions_url answered HTTP " + status,
                            "captions_url");
                }
                return parse(readCapped(body), "captions_url");
            } catch (IOException e) {
                throw ApiException.invalid("captions_unreachable", "captions_url could not be read: " + e.getMessage(),
                        "captions_url");
            }
        }
        throw ApiException.invalid("captions_unreachable", "captions_url redirects more than " + MAX_REDIRECTS + " times",
                "captions_url");
    }

    /** Stores the normalized captions of a job and returns their key. */
    public String store(String jobId, Captions captions) {
        String key = ObjectKeys.uploadedCaptions(jobId);
        byte[] json = ClipflowJson.encodeCaptions(captions);
        store.put(key, new ByteArrayInputStream(json), json.length, PutOptions.of("application/json")
                .withMetadata(PutOptions.JOB_ID, jobId).withMetadata(PutOptions.CREATED_BY, PutOptions.CREATOR));
        return key;
    }

    Captions parse(byte[] content) {
        return parse(content, "captions");
    }

    private static Captions parse(byte[] content, String field) {
        Captions captions;
        try {
            captions = CaptionParser.parse(content);
        } catch (CaptionParseException e) {
            throw ApiException.invalid("invalid_captions", "the captions cannot be read at " + e.getMessage(), field);
        }
        if (captions.isEmpty()) {
            throw ApiException.invalid("empty_captions", "the captions have no cue with text", field);
        }
        return captions;
    }

    private byte[] readCapped(InputStream in) throws IOException {
        byte[] content = in.readNBytes(maxBytes() + 1);
        if (content.length > maxBytes()) {
            throw ApiException.invalid("captions_too_large", "captions are limited to " + config.maxKb() + " KiB",
                    "captions");
        }
        return content;
    }

    private URI checked(String url) {
        try {
            return policy.check(url);
        } catch (RejectedSourceUrlException e) {
            throw ApiException.invalid(e.code(), e.getMessage().replace("source_url", "captions_url"), "captions_url");
        }
    }

    private HttpResponse<InputStream> send(URI uri, long deadline) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(left).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw ApiException.invalid("captions_unreachable", "captions_url could not be fetched: " + e.getMessage(),
                    "captions_url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalid("captions_unreachable", "captions_url fetch was interrupted", "captions_url");
        }
    }
}
