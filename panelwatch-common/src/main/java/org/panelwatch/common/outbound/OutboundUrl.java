package org.panelwatch.common.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The shape every outbound URL must have, before any address is looked at. */
public final class OutboundUrl {

    private OutboundUrl() {
    }

    /**
     * Why the text is no URL the services may call, or empty: absolute http(s) with a host, a TCP port
     * (RFC 9293: 1-65535) and no credentials (neither HTTP client sends them, and they would be stored
     * and shown with the URL).
     */
    public static Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("has no valid port");
        }
        return Optional.empty();
    }

    /** The host of a URI without the brackets of an IPv6 literal. */
    static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
