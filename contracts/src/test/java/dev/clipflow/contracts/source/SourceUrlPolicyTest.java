package dev.clipflow.contracts.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceUrlPolicyTest {

    private final SourceUrlPolicy policy = new SourceUrlPolicy(false, SourceUrlPolicyTest::fakeDns);

    private static List<InetAddress> fakeDns(String host) throws UnknownHostException {
        return switch (host) {
            case "videos.example.com" -> List.of(InetAddress.getByName("93.184.216.34"));
            case "sneaky.example.com" -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"));
            default -> {
                if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
                    yield List.of(InetAddress.getByName(host));
                }
                throw new UnknownHostException(host);
            }
        };
    }

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(policy.check("https://videos.example.com/talk.mp4").getHost()).isEqualTo("videos.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://videos.example.com/a.mp4", "gopher://x", "concat:a|b", "/etc/passwd",
            "javascript:alert(1)"})
    void nonHttpSchemesAreRefused(String url) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RejectedSourceUrlException.class)
                .satisfies(e -> assertThat(((RejectedSourceUrlException) e).code()).isIn("unsupported_scheme", "invalid_url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/a.mp4", "http://[::1]/a.mp4", "http://169.254.169.254/latest/meta-data",
            "http://10.1.2.3/a.mp4", "http://192.168.0.10/a.mp4", "http://172.16.5.4/a.mp4", "http://100.64.0.1/a.mp4",
            "http://0.0.0.0/a.mp4", "http://[fd00::1]/a.mp4", "http://[fe80::1]/a.mp4", "http://[::ffff:127.0.0.1]/a.mp4",
            "https://sneaky.example.com/a.mp4"})
    void addressesThatReachThisMachineOrItsNetworkAreRefused(String url) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RejectedSourceUrlException.class)
                .satisfies(e -> assertThat(((RejectedSourceUrlException) e).code()).isEqualTo("forbidden_address"));
    }

    @Test
    void privateAddressesAreAcceptedWhenConfigurationAllowsThem() {
        SourceUrlPolicy permissive = new SourceUrlPolicy(true, SourceUrlPolicyTest::fakeDns);

        assertThat(permissive.check("http://127.0.0.1:8080/a.mp4").getPort()).isEqualTo(8080);
    }

    @Test
    void urlsWithCredentialsOrWithoutHostAreRefused() {
        assertThatThrownBy(() -> policy.check("https://user:pw@videos.example.com/a.mp4"))
                .hasMessageContaining("user name or password");
        assertThatThrownBy(() -> policy.check("https:///a.mp4")).hasMessageContaining("no host");
        assertThatThrownBy(() -> policy.check("https://no-such-host.invalid/a.mp4"))
                .satisfies(e -> assertThat(((RejectedSourceUrlException) e).code()).isEqualTo("unresolvable_host"));
    }
}
