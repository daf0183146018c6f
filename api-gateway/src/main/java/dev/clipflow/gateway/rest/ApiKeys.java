package dev.clipflow.gateway.rest;

import dev.clipflow.contracts.http.ApiError;
import dev.clipflow.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** The {@code API_KEYS} check, for the REST API ({@link ApiKeyFilter}) and the MCP endpoint alike. */
@ApplicationScoped
public class ApiKeys {

    private final List<byte[]> keys;

    public ApiKeys(GatewayConfig config) {
        this.keys = config.apiKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Why a request with these headers is refused (401), or empty when keys are off or one of them was sent. */
    public Optional<ApiError> refusal(String apiKeyHeader, String authorization) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String presented = apiKeyHeader;
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        }
        if (presented != null && matches(presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(ApiError.of(presented == null ? "missing_api_key" : "invalid_api_key",
                "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'", null));
    }

    /** Constant time whichever key matches, so timing tells nothing about the keys. */
    private boolean matches(byte[] presented) {
        boolean found = false;
        for (byte[] key : keys) {
            found |= MessageDigest.isEqual(key, presented);
        }
        return found;
    }
}
