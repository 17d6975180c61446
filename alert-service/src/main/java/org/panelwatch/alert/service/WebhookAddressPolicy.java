package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.panelwatch.alert.config.AlertConfig;

/**
 * Server-side request forgery guard for webhook URLs: unless an operator allows it, a webhook may not
 * reach loopback, private (RFC 1918, RFC 4193), shared (RFC 6598), link-local (RFC 3927, RFC 4291) or
 * cloud metadata addresses, nor unspecified or multicast ones. Checked when a subscription is saved and
 * again before each send, after DNS, because a name can be re-pointed after it was accepted.
 *
 * <p>Allowing private addresses (the local stack and tests, whose receivers live on loopback) opens
 * loopback, RFC 1918, RFC 4193 and RFC 6598 only. Link-local, unspecified, multicast, reserved and cloud
 * metadata addresses stay refused: no webhook receiver lives there, and 169.254.169.254 or
 * fd00:ec2::254 hands out a machine's cloud credentials to whoever asks from inside it.
 */
@ApplicationScoped
public class WebhookAddressPolicy {

    /** Metadata endpoints reachable by name on some clouds. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");
    /** fd00:ec2::254, the AWS instance metadata service over IPv6. */
    private static final byte[] AWS_METADATA_V6 = literal("fd00:ec2::254");

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    public WebhookAddressPolicy(AlertConfig config) {
        this(config.webhook().allowPrivateAddresses(), InetAddress::getAllByName);
    }

    public WebhookAddressPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** Resolves host names; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why the URL may not be called, or empty when it may. */
    public Optional<String> refusal(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Optional.of("URL has no host");
        }
        String bare = (host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host)
                .toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(bare)) {
            return Optional.of("host " + host + " is not allowed");
        }
        if (!allowPrivate && (bare.equals("localhost") || bare.endsWith(".localhost"))) {
            return Optional.of("host " + host + " is not allowed");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            // Where private addresses are allowed (tests, the local stack) a receiver that does not resolve is a delivery failure.
            return allowPrivate ? Optional.empty() : Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isNeverAllowed(address) || (!allowPrivate && isForbidden(address))) {
                return Optional.of("host " + host + " resolves to a non-public address (" + address.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Addresses refused even where private addresses are allowed: unspecified, link-local (RFC 3927, RFC
     * 4291; the 169.254.169.254 metadata service), multicast, "this network", reserved and broadcast,
     * and the metadata endpoints of clouds that sit elsewhere (AWS fd00:ec2::254, Alibaba 100.100.100.200).
     */
    static boolean isNeverAllowed(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return false; // ::1 would otherwise read as the IPv4-compatible 0.0.0.1
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            return first == 0 || first >= 240
                    || (first == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200);
        }
        if (address instanceof Inet6Address) {
            if (Arrays.equals(b, AWS_METADATA_V6)) {
                return true;
            }
            if (isMappedOrCompatibleIpv4(b)) {
                try {
                    return isNeverAllowed(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isForbidden(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 shared address space
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 IETF protocol assignments
                    || first >= 240;                            // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {                        // fc00::/7 unique local (incl. fd00:ec2::254 metadata)
                return true;
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) { // fec0::/10 deprecated site-local
                return true;
            }
            if (isMappedOrCompatibleIpv4(b)) {
                try {
                    return isForbidden(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] literal(String address) {
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address. */
    private static boolean isMappedOrCompatibleIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        return mapped || compatible || nat64;
    }
}
