package dev.clipflow.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2
        String sig = WebhookSigner.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));
        assertThat(sig).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
