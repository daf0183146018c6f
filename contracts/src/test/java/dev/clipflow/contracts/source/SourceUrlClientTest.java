package dev.clipflow.contracts.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.clipflow.contracts.source.SourceUrlClient.UnreachableUrlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real local HTTP server; private addresses are allowed so that it can be reached at all. */
class SourceUrlClientTest {

    private HttpServer server;
    private String base;
    private final SourceUrlClient client = new SourceUrlClient(new SourceUrlPolicy(true), Duration.ofSeconds(2), 3);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/talk.srt", exchange -> {
            byte[] body = "1\n00:00:01,000 --> 00:00:02,000\nHello\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> redirect(exchange, "/talk.srt"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/to-file", exchange -> redirect(exchange, "file:///etc/passwd"));
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aRedirectIsFollowedToTheFileAndTheFinalAddressIsKnown() throws IOException {
        SourceUrlClient.Fetched fetched = client.get(base + "/moved", Duration.ofSeconds(5));
        try (InputStream body = fetched.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("Hello");
        }
        assertThat(fetched.uri().getPath()).isEqualTo("/talk.srt");
    }

    @Test
    void aRedirectToALocalFileIsRefusedLikeTheFirstUrlWouldBe() {
        assertThatThrownBy(() -> client.get(base + "/to-file", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(RejectedSourceUrlException.class,
                        e -> assertThat(e.code()).isEqualTo(RejectedSourceUrlException.UNSUPPORTED_SCHEME));
    }

    @Test
    void endlessRedirectsStopAtTheLimitAndAreNotWorthRetrying() {
        assertThatThrownBy(() -> client.get(base + "/loop", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(UnreachableUrlException.class, e -> {
                    assertThat(e.getMessage()).contains("more than 3");
                    assertThat(e.mayPassLater()).isFalse();
                });
    }

    @Test
    void aServerErrorMayPassLaterAMissingFileDoesNot() {
        assertThatThrownBy(() -> client.get(base + "/broken", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(UnreachableUrlException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.mayPassLater()).isTrue();
                });
        assertThatThrownBy(() -> client.get(base + "/gone", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(UnreachableUrlException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.mayPassLater()).isFalse();
                });
    }
}
