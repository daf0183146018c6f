package dev.clipflow.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.contracts.events.JobRequested.Webhook;
import dev.clipflow.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/** POSTs a webhook, signed when the job gave a secret, retrying with exponential backoff. */
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final int attempts;
    private final Duration initialBackoff;

    public WebhookSender(ObjectMapper json, GatewayConfig config) {
        this.json = json;
        this.timeout = config.webhook().timeout();
        this.attempts = config.webhook().attempts();
        this.initialBackoff = config.webhook().initialBackoff();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Returns true when the receiver answered 2xx within the attempts. */
    public boolean send(Webhook webhook, WebhookPayload payload) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode webhook payload", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "clipflow-webhook")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (webhook.secret() != null) {
            request.header(WebhookSigner.HEADER, WebhookSigner.signature(webhook.secret(), body));
        }
        HttpRequest built = request.build();
        try {
            Uni.createFrom().item(() -> post(built))
                    .onFailure(RetryableFailure.class).retry()
                    .withBackOff(initialBackoff, initialBackoff.multipliedBy(30)).withJitter(0.2)
                    .atMost(Math.max(0, attempts - 1))
                    .await().indefinitely();
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("webhook for job %s to %s not delivered: %s", payload.jobId(), webhook.url(), e.getMessage());
            return false;
        }
    }

    private int post(HttpRequest request) {
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new RetryableFailure("receiver unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return status;
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new RetryableFailure("receiver answered " + status);
        }
        throw new IllegalStateException("receiver refused it with " + status);
    }

    static final class RetryableFailure extends RuntimeException {
        RetryableFailure(String message) {
            super(message, null, false, false);
        }
    }
}
