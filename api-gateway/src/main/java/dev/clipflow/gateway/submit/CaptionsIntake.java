package dev.clipflow.gateway.submit;

import dev.clipflow.contracts.captions.CaptionParseException;
import dev.clipflow.contracts.captions.CaptionParser;
import dev.clipflow.contracts.captions.Captions;
import dev.clipflow.contracts.json.ClipflowJson;
import dev.clipflow.contracts.layout.ObjectKeys;
import dev.clipflow.contracts.source.RejectedSourceUrlException;
import dev.clipflow.contracts.source.SourceUrlClient;
import dev.clipflow.contracts.source.SourceUrlClient.UnreachableUrlException;
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

/**
 * Takes in a job's captions: a file sent with it or fetched from {@code captions_url} (through the same
 * {@link SourceUrlClient} as a {@code source_url}, every redirect checked), size-capped and parsed here so a
 * bad file is a 422 naming its line, then stored normalized as {@code uploads/{job_id}/captions.json}.
 */
@ApplicationScoped
public class CaptionsIntake {

    private static final int MAX_REDIRECTS = 5;

    private final GatewayConfig.Captions config;
    private final ArtifactStore store;
    private final SourceUrlClient client;

    @Inject
    public CaptionsIntake(GatewayConfig config, ArtifactStore store) {
        this.config = config.captions();
        this.store = store;
        this.client = new SourceUrlClient(new SourceUrlPolicy(config.sourceUrlAllowPrivate()),
                this.config.fetchTimeout(), MAX_REDIRECTS);
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
        try (InputStream body = client.get(url, config.fetchTimeout()).body()) {
            return parse(readCapped(body), "captions_url");
        } catch (RejectedSourceUrlException e) {
            throw ApiException.invalid(e.code(), e.getMessage().replace("source_url", "captions_url"), "captions_url");
        } catch (UnreachableUrlException e) {
            throw ApiException.invalid("captions_unreachable", "captions_url " + e.getMessage(), "captions_url");
        } catch (IOException e) {
            throw ApiException.invalid("captions_unreachable", "captions_url could not be read: " + e.getMessage(),
                    "captions_url");
        }
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
}
