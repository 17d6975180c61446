package org.panelwatch.common.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for every outbound connection to an address a subscriber or an operator's user chose
 * (feeds, article pages, webhooks): whether one address may be connected to. Server-side request
 * forgery is the danger: a URL that makes the service call into the network it runs in, above all the
 * cloud metadata service, which hands out the machine's credentials to whoever asks from inside.
 *
 * <p>Public-only (production) refuses every address of the IANA special-purpose registries, multicast
 * and everything outside IPv6 global unicast ({@link SpecialPurposeAddresses}). Private-allowed (the
 * local stack and tests, whose servers live on loopback) opens loopback, RFC 1918, RFC 6598 and RFC 4193
 * addresses and nothing else: link-local, unspecified, multicast, reserved, documentation and metadata
 * addresses stay refused, since no feed or receiver lives there.
 *
 * <p>An IPv6 address that carries an IPv4 address ({@link EmbeddedIpv4}) is judged by what it carries as
 * well. Local-use NAT64 (64:ff9b:1::/48, RFC 8215) is refused in both modes: it belongs to one
 * operator's network, where the IPv4 address it carries cannot be read without that operator's prefix
 * length, and no feed or receiver of the local stack or the tests lives behind such a gateway.
 */
public final class AddressPolicy {

    /** Metadata endpoints that some clouds serve by name, refused before any lookup. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com");

    private final boolean allowPrivate;

    private AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Production: public addresses only. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(false);
    }

    /** Local stack and tests: loopback, RFC 1918, RFC 6598 and RFC 4193 addresses as well. */
    public static AddressPolicy privateAllowed() {
        return new AddressPolicy(true);
    }

    public static AddressPolicy of(boolean allowPrivate) {
        return allowPrivate ? privateAllowed() : publicOnly();
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Why a connection to the address is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        Optional<EmbeddedIpv4> embedded = EmbeddedIpv4.in(bytes);
        if (embedded.isPresent()) {
            return refusalOfEmbedded(address, embedded.get());
        }
        return refusalOf(bytes).map(why -> address.getHostAddress() + " is " + why);
    }

    /**
     * Why a host name is refused before it is looked up: the metadata names, and (public-only)
     * {@code localhost} and its subdomains, which RFC 6761 section 6.3 reserves for loopback.
     */
    public Optional<String> refusalOfName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_HOSTS.contains(name)) {
            return Optional.of(host + " is a cloud metadata service name");
        }
        if (!allowPrivate && (name.equals("localhost") || name.endsWith(".localhost"))) {
            return Optional.of(host + " is a loopback name (RFC 6761 section 6.3)");
        }
        return Optional.empty();
    }

    private Optional<String> refusalOfEmbedded(InetAddress address, EmbeddedIpv4 embedded) {
        String shown = address.getHostAddress();
        if (embedded.localUse()) {
            return Optional.of(shown + " is a " + embedded.form() + " address, whose IPv4 address cannot be read with certainty");
        }
        for (byte[] ipv4 : embedded.carried()) {
            Optional<String> why = refusalOf(ipv4);
            if (why.isPresent()) {
                return Optional.of(shown + " (" + embedded.form() + ") carries " + text(ipv4) + ", " + why.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusalOf(byte[] address) {
        return SpecialPurposeAddresses.find(address)
                .filter(block -> !(allowPrivate && block.openedWherePrivateIsAllowed()))
                .map(AddressBlock::described);
    }

    private static String text(byte[] ipv4) {
        try {
            return InetAddress.getByAddress(ipv4).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an IPv4 address
        }
    }
}
