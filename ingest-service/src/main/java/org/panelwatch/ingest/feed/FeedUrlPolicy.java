package org.panelwatch.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * Which feed URLs the service may fetch: http(s) only, and (unless configured otherwise) never an
 * address inside the network the service runs in, so a feed cannot be used to probe it (SSRF).
 * Checked when a feed is added and again on every request and redirect.
 *
 * <p>Allowing private addresses (the local stack and tests serve feeds on loopback) opens loopback,
 * RFC 1918, RFC 4193 and RFC 6598 only: link-local, unspecified, multicast and reserved addresses and
 * the cloud metadata services (169.254.169.254, fd00:ec2::254, 100.100.100.200) stay refused, since no
 * feed lives there and the metadata service hands out the machine's cloud credentials.
 */
@ApplicationScoped
public class FeedUrlPolicy {

    /** Metadata endpoints reachable by name on some clouds. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    private static final byte[] AWS_METADATA_V6 = literal("fd00:ec2::254");
    private static final byte[] ALIBABA_METADATA = literal("100.100.100.200");

    private final boolean allowPrivate;

    @Inject
    public FeedUrlPolicy(IngestConfig config) {
        this(config.feeds().allowPrivateAddresses());
    }

    FeedUrlPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the URL may not be fetched, or null when it may. Unresolvable hosts pass: the poll reports them. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return "must be an absolute http(s) URL";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return "has no valid port";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(host)) {
            return "points at a cloud metadata service";
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isNeverAllowed(address)) {
                    return "points at a link-local, metadata, multicast or unspecified address (" + address.getHostAddress() + ")";
                }
                if (!allowPrivate && isInternal(address)) {
                    return "points at a loopback, private or link-local address (" + address.getHostAddress() + ")";
                }
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    static boolean isNeverAllowed(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if (Arrays.equals(b, AWS_METADATA_V6)) {
                return true;
            }
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped) {
                try {
                    return isNeverAllowed(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = b[0] & 0xff;
        return first == 0 || first >= 240 || Arrays.equals(b, ALIBABA_METADATA);
    }

    private static byte[] literal(String address) {
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // RFC 4193 unique local addresses fc00::/7.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        // RFC 6598 shared address space 100.64.0.0/10 (carrier-grade NAT, cloud metadata neighbours).
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
