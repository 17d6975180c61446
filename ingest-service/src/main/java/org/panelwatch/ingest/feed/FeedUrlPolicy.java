package org.panelwatch.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * Which feed URLs the service may fetch: http(s) only, and (unless configured otherwise) never an
 * address inside the network the service runs in, so a feed cannot be used to probe it (SSRF).
 * Checked when a feed is added and again on every request and redirect.
 */
@ApplicationScoped
public class FeedUrlPolicy {

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
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address)) {
                    return "points at a loopback, private or link-local address (" + address.getHostAddress() + ")";
                }
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
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
