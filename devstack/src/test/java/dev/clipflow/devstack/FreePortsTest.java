package dev.clipflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPickedPortCanBeBoundAndNoOutgoingConnectionCanHaveTakenIt() throws Exception {
        int ephemeralLow = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        int port = FreePorts.pick();

        assertThat(port).isBetween(1024, ephemeralLow - 1);
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // An outgoing connection's own port comes from the ephemeral range.
            assertThat(client.getLocalPort()).isGreaterThanOrEqualTo(ephemeralLow);
        }
    }
}
