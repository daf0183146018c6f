package dev.clipflow.contracts.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * GETs a user's URL (a {@code source_url} or a {@code captions_url}) the one safe way: redirects are followed
 * here, not by the HTTP client, so every hop passes the same {@link SourceUrlPolicy} as the first URL, and
 * the time to reach the final answer is bounded across all hops.
 */
public final class SourceUrlClient {

    private final SourceUrlPolicy policy;
    private final int maxRedirects;
    private final HttpClient http;

    public SourceUrlClient(SourceUrlPolicy policy, Duration connectTimeout, int maxRedirects) {
        this.policy = policy;
        this.maxRedirects = maxRedirects;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * Returns the {@code 200} answer at the end of the redirects; its body is the caller's to read and close.
     *
     * @throws RejectedSourceUrlException when the URL or a redirect breaks the policy
     * @throws UnreachableUrlException when no {@code 200} answer is reached in time
     */
    public Fetched get(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String current = url;
        for (int hop = 0; hop <= maxRedirects; hop++) {
            URI uri = policy.check(current);
            HttpResponse<InputStream> response = send(uri, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                closeQuietly(response.body());
                current = uri.resolve(location.get()).toString();
                continue;
            }
            if (status != 200) {
                closeQuietly(response.body());
                throw new UnreachableUrlException(status, status >= 500, "answered HTTP " + status);
            }
            return new Fetched(uri, response);
        }
        throw new UnreachableUrlException(0, false, "redirects more than " + maxRedirects + " times");
    }

    private HttpResponse<InputStream> send(URI uri, long deadline) {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(left).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UnreachableUrlException(0, true, "cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableUrlException(0, true, "was not fetched: interrupted");
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // an answer that is not used has nothing more worth reading
        }
    }

    /** The final answer: the URI it came from (after redirects) and the response with its unread body. */
    public record Fetched(URI uri, HttpResponse<InputStream> response) {

        public InputStream body() {
            return response.body();
        }

        public Optional<Long> contentLength() {
            return response.headers().firstValueAsLong("content-length").stream().boxed().findFirst();
        }
    }

    /**
     * No usable answer: {@code status} is the HTTP status that ended it, or 0 when there was none (a network
     * failure, a timeout, too many redirects); only a 5xx or a network failure may pass when tried again.
     */
    public static final class UnreachableUrlException extends RuntimeException {
        private final int status;
        private final boolean mayPassLater;

        public UnreachableUrlException(int status, boolean mayPassLater, String message) {
            super(message);
            this.status = status;
            this.mayPassLater = mayPassLater;
        }

        public int status() {
            return status;
        }

        public boolean mayPassLater() {
            return mayPassLater;
        }
    }
}
