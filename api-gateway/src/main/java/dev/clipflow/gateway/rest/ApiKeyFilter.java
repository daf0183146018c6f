package dev.clipflow.gateway.rest;

import dev.clipflow.contracts.http.ApiError;
import dev.clipflow.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With {@code API_KEYS} set, {@code /jobs*} and {@code /gallery*} need {@code Authorization: Bearer <key>}
 * or {@code X-API-Key: <key>}. Health, metrics, OpenAPI and {@code /storage} stay open (see README).
 */
public class ApiKeyFilter {

    private final List<byte[]> keys;

    public ApiKeyFilter(GatewayConfig config) {
        this.keys = config.apiKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @ServerRequestFilter(preMatching = true)
    public Response requireKey(ContainerRequestContext request) {
        if (keys.isEmpty() || !isProtected(request.getUriInfo().getPath())) {
            return null;
        }
        String presented = request.getHeaderString("X-API-Key");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        }
        if (presented != null && matches(presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ApiError.of(presented == null ? "missing_api_key" : "invalid_api_key",
                        "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'", null))
                .build();
    }

    private boolean matches(byte[] presented) {
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(key, presented);
        }
        return found;
    }

    static boolean isProtected(String path) {
        String p = ("/" + path).replaceAll("/{2,}", "/");
        return p.equals("/jobs") || p.startsWith("/jobs/") || p.equals("/gallery") || p.startsWith("/gallery/");
    }
}
