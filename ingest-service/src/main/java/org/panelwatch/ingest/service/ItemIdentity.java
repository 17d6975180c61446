package org.panelwatch.ingest.service;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The stable id of an item, so that the same article pushed twice or seen in two feeds is one item:
 * a name-based UUID (RFC 9562 version 5) of its canonical URL, else of its source and id at the
 * source, else of its normalised text.
 */
public final class ItemIdentity {

    /** RFC 9562 appendix A: the namespace for URLs; the other two are Panelwatch's own. */
    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    private static final UUID SOURCE_NAMESPACE = UUID.fromString("0d6c6a52-3b3e-5b7e-9b1a-5f1e0c7d2a10");
    private static final UUID TEXT_NAMESPACE = UUID.fromString("6f1b1c2e-8f57-5d4e-a3a1-1c9a4f3e7b21");

    /** Parameters that only say who sent the reader: ad clicks, newsletters, social shares. */
    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid",
            "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok",
            "ref_src", "ref_url", "cmpid", "ocid", "smid", "at_medium", "at_campaign", "s_cid", "spm");

    private ItemIdentity() {
    }

    public static UUID of(ItemSubmission item, String normalisedTitle, String normalisedText) {
        if (item.url() != null) {
            return ofUrl(item.url());
        }
        if (item.source() != null && item.externalId() != null) {
            return nameBased(SOURCE_NAMESPACE, item.source().trim().toLowerCase(Locale.ROOT) + "\n" + item.externalId().trim());
        }
        return nameBased(TEXT_NAMESPACE, normalisedTitle + "\n\n" + normalisedText);
    }

    /** The id of the item at this URL: what {@link #of} gives any item that carries it. */
    public static UUID ofUrl(String url) {
        return nameBased(URL_NAMESPACE, canonicalUrl(url));
    }

    /**
     * Scheme and host lower-cased (IDN hosts in ASCII form), default port, user info and fragment
     * dropped, empty path as "/", tracking parameters removed and the rest sorted by name.
     */
    public static String canonicalUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = IDN.toASCII(uri.getHost()).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : Arrays.stream(uri.getRawQuery().split("&"))
                .filter(p -> !p.isEmpty() && !isTracking(p))
                .sorted()
                .collect(Collectors.joining("&"));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
    }

    private static boolean isTracking(String parameter) {
        int eq = parameter.indexOf('=');
        String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || TRACKING_PARAMETERS.contains(name);
    }

    /** RFC 9562 section 5.5: SHA-1 of namespace and name, version and variant bits set. */
    static UUID nameBased(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16)
                    .putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }
}
