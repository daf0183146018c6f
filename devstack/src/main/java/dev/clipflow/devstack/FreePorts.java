package dev.clipflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports, chosen once so a server can be started later, and restarted, on the same port. They are taken
 * below the kernel's ephemeral range: every outgoing connection on the machine (a Kafka client's, an HTTP client's)
 * gets its local port from that range, and one of them could take a port chosen there before its server binds it.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** How far below the ephemeral range ports are drawn from; well above the ports services usually listen on. */
    private static final int SPAN = 12_000;

    public static int pick() {
        int top = ephemeralLow();
        if (top - SPAN < 1024) {
            return anyFree(); // an unusual range: take the kernel's choice
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(top - SPAN, top);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port below " + top);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /**
     * The first port of the ephemeral range (Linux); 32768, the usual one, where it cannot be read. Read by lines:
     * {@code Files.readString} trusts the size /proc reports and returns its first byte only.
     */
    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32768;
        }
    }

    private FreePorts() {
    }
}
