package dev.clipflow.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's settings; application.properties maps the environment variables of docs/architecture.md onto them. */
@ConfigMapping(prefix = "clipflow.gateway")
public interface GatewayConfig {

    /** Largest accepted upload, in MiB ({@code MAX_FILE_SIZE_MB}). */
    long maxFileSizeMb();

    default long maxFileSizeBytes() {
        return maxFileSizeMb() * 1024 * 1024;
    }

    /** Lets {@code source_url} point at loopback/private addresses ({@code SOURCE_URL_ALLOW_PRIVATE}). */
    boolean sourceUrlAllowPrivate();

    /** When present, {@code /jobs*} and {@code /gallery*} need one of these keys ({@code API_KEYS}). */
    Optional<List<String>> apiKeys();

    /** How long a submission waits for Kafka's acknowledgement before answering 503. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** An upload whose client sends nothing for this long is refused as interrupted. */
    @WithDefault("60s")
    Duration uploadIdleTimeout();

    /** Jobs kept in the in-memory status view; older ones are answered from storage. */
    long statusViewSize();

    Webhook webhook();

    Captions captions();

    interface Captions {
        /** Largest captions file or {@code captions_url} body, in KiB ({@code CAPTIONS_MAX_KB}). */
        int maxKb();

        /** How long fetching a {@code captions_url} may take, redirects included. */
        @WithDefault("15s")
        Duration fetchTimeout();

        /** The speech-to-text service behind {@code captions=auto} ({@code TRANSCRIBE_URL}); without it auto is refused. */
        Optional<String> transcribeUrl();
    }

    interface Webhook {
        /** Lets webhook URLs point at loopback/private addresses; defaults to the source URL rule. */
        boolean allowPrivate();

        @WithDefault("5s")
        Duration timeout();

        /** Delivery attempts, with exponential backoff and jitter between them. */
        @WithDefault("6")
        int attempts();

        @WithDefault("1s")
        Duration initialBackoff();

        /** How long the webhook consumer waits for the status view to learn a job's webhook. */
        @WithDefault("30s")
        Duration viewWait();
    }
}
