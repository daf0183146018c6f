package dev.clipflow.contracts.source;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The rules a {@code source_url} must pass, applied by the gateway when a job arrives and by the
 * clip-worker on every redirect it follows: http or https only, a host, no user info, and (unless
 * private addresses are allowed) no address that reaches this machine or its private network.
 */
public final class SourceUrlPolicy {

    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivateAddresses;
    private final HostResolver resolver;

    public SourceUrlPolicy(boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, host -> List.of(InetAddress.getAllByName(host)));
    }

    public SourceUrlPolicy(boolean allowPrivateAddresses, HostResolver resolver) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /** Returns the parsed URI, or throws {@link RejectedSourceUrlException} with a code and a plain reason. */
    public URI check(String url) {
        URI uri = parse(url);
        String host = uri.getHost();
        if (!allowPrivateAddresses) {
            for (InetAddress address : resolve(host)) {
                if (isPrivate(address)) {
                    throw new RejectedSourceUrlException(RejectedSourceUrlException.FORBIDDEN_ADDRESS,
                            "source_url host '" + host + "' resolves to a loopback, link-local or private address ("
                                    + address.getHostAddress() + "), which is not allowed");
                }
            }
        }
        return uri;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.INVALID_URL, "source_url is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.INVALID_URL,
                    "source_url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.INVALID_URL,
                    "source_url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.UNSUPPORTED_SCHEME,
                    "source_url must use http or https, not '" + (scheme.isEmpty() ? "(none)" : scheme) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.INVALID_URL, "source_url has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.INVALID_URL,
                    "source_url must not carry a user name or password");
        }
        return uri;
    }

    private List<InetAddress> resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return resolver.resolve(IDN.toASCII(bare));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new RejectedSourceUrlException(RejectedSourceUrlException.UNRESOLVABLE_HOST,
                    "source_url host '" + host + "' cannot be resolved");
        }
    }

    /** Loopback, link-local, site-local, unspecified, multicast, carrier-grade NAT and unique-local addresses. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean ipv4Mapped = isIpv4Mapped(b);
            if (ipv4Mapped) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }
}
