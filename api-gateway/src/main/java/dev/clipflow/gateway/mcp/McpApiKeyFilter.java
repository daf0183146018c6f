package dev.clipflow.gateway.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipflow.gateway.rest.ApiKeys;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /mcp} is served by the MCP extension's own Vert.x routes, which the REST filter never sees: this route
 * filter asks the same {@code API_KEYS} and answers 401 with the same JSON error.
 */
@ApplicationScoped
public class McpApiKeyFilter {

    /** Before the extension's routes, after Quarkus' own early filters. */
    private static final int PRIORITY = 100;

    private final ApiKeys keys;
    private final ObjectMapper json;

    public McpApiKeyFilter(ApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (!(path.equals("/mcp") || path.startsWith("/mcp/"))) {
                context.next();
                return;
            }
            var refusal = keys.refusal(context.request().getHeader("X-API-Key"),
                    context.request().getHeader(HttpHeaders.AUTHORIZATION));
            if (refusal.isEmpty()) {
                context.next();
                return;
            }
            try {
                context.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader("WWW-Authenticate", "Bearer").end(json.writeValueAsString(refusal.get()));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        }, PRIORITY);
    }
}
