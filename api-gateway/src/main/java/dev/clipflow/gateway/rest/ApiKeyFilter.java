package dev.clipflow.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With {@code API_KEYS} set, {@code /jobs*} and {@code /gallery*} need {@code Authorization: Bearer <key>}
 * or {@code X-API-Key: <key>}; {@code /mcp} checks the same {@link ApiKeys} (see {@code mcp/McpApiKeyFilter}).
 * Health, metrics, OpenAPI and {@code /storage} stay open (see README).
 */
public class ApiKeyFilter {

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Response requireKey(ContainerRequestContext request) {
        if (!isProtected(request.getUriInfo().getPath())) {
            return null;
        }
        return keys.refusal(request.getHeaderString("X-API-Key"), request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .map(error -> Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").entity(error).build())
                .orElse(null);
    }

    static boolean isProtected(String path) {
        String p = ("/" + path).replaceAll("/{2,}", "/");
        return p.equals("/jobs") || p.startsWith("/jobs/") || p.equals("/gallery") || p.startsWith("/gallery/");
    }
}
