package org.panelwatch.common.outbound;

import java.util.List;
import java.util.Optional;

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890; iana.org/assignments/
 * iana-ipv4-special-registry and iana-ipv6-special-registry, as of 2025), plus multicast, the
 * deprecated IPv6 site-local block and the cloud metadata addresses. Every row is refused by the
 * public-only policy, even the few the registry calls globally reachable (AS112, AMT, the PCP and TURN
 * anycast addresses, ORCHIDv2, DETs): they are DNS sinks, relays and identifiers, never a feed or a
 * webhook receiver, and one rule without exceptions is easier to check. The private-allowed policy opens
 * the rows marked {@code true}: loopback, RFC 1918, RFC 6598 and RFC 4193 only.
 *
 * <p>The IPv6 forms that carry an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo)
 * are not rows here: {@link EmbeddedIpv4} decodes them and the carried address is judged.
 */
final class SpecialPurposeAddresses {

    static final List<AddressBlock> IPV4 = List.of(
            AddressBlock.of("0.0.0.0/8", "a \"this network\" address", "RFC 791 section 3.2", false),
            AddressBlock.of("0.0.0.0/32", "the unspecified address", "RFC 1122 section 3.2.1.3", false),
            AddressBlock.of("10.0.0.0/8", "a private-use address", "RFC 1918", true),
            AddressBlock.of("100.64.0.0/10", "a shared (carrier-grade NAT) address", "RFC 6598", true),
            AddressBlock.of("100.100.100.200/32", "a cloud metadata service address (Alibaba Cloud)", "vendor documentation", false),
            AddressBlock.of("127.0.0.0/8", "a loopback address", "RFC 1122 section 3.2.1.3", true),
            AddressBlock.of("169.254.0.0/16", "a link-local address", "RFC 3927", false),
            AddressBlock.of("169.254.169.254/32", "the cloud metadata service address", "AWS, Azure, GCP, OCI documentation", false),
            AddressBlock.of("172.16.0.0/12", "a private-use address", "RFC 1918", true),
            AddressBlock.of("192.0.0.0/24", "an IETF protocol assignment", "RFC 6890 section 2.1", false),
            AddressBlock.of("192.0.0.0/29", "an IPv4 service continuity address", "RFC 7335", false),
            AddressBlock.of("192.0.0.8/32", "the IPv4 dummy address", "RFC 7600", false),
            AddressBlock.of("192.0.0.9/32", "the Port Control Protocol anycast address", "RFC 7723", false),
            AddressBlock.of("192.0.0.10/32", "the TURN anycast address", "RFC 8155", false),
            AddressBlock.of("192.0.0.170/31", "a NAT64/DNS64 discovery address", "RFC 8880, RFC 7050", false),
            AddressBlock.of("192.0.2.0/24", "a documentation address (TEST-NET-1)", "RFC 5737", false),
            AddressBlock.of("192.31.196.0/24", "an AS112 address", "RFC 7535", false),
            AddressBlock.of("192.52.193.0/24", "an AMT relay address", "RFC 7450", false),
            AddressBlock.of("192.88.99.0/24", "a deprecated 6to4 relay anycast address", "RFC 7526", false),
            AddressBlock.of("192.88.99.2/32", "the 6a44 relay anycast address", "RFC 6751", false),
            AddressBlock.of("192.168.0.0/16", "a private-use address", "RFC 1918", true),
            AddressBlock.of("192.175.48.0/24", "an AS112 direct delegation address", "RFC 7534", false),
            AddressBlock.of("198.18.0.0/15", "a benchmarking address", "RFC 2544", false),
            AddressBlock.of("198.51.100.0/24", "a documentation address (TEST-NET-2)", "RFC 5737", false),
            AddressBlock.of("203.0.113.0/24", "a documentation address (TEST-NET-3)", "RFC 5737", false),
            AddressBlock.of("224.0.0.0/4", "a multicast address", "RFC 5771", false),
            AddressBlock.of("240.0.0.0/4", "a reserved address", "RFC 1112 section 4", false),
            AddressBlock.of("255.255.255.255/32", "the limited broadcast address", "RFC 919 section 7, RFC 8190", false));

    static final List<AddressBlock> IPV6 = List.of(
            AddressBlock.of("::/128", "the unspecified address", "RFC 4291 section 2.5.2", false),
            AddressBlock.of("::1/128", "the loopback address", "RFC 4291 section 2.5.3", true),
            AddressBlock.of("100::/64", "a discard-only address", "RFC 6666", false),
            AddressBlock.of("100:0:0:1::/64", "a dummy IPv6 prefix address", "RFC 9780", false),
            AddressBlock.of("2001::/23", "an IETF protocol assignment", "RFC 2928", false),
            AddressBlock.of("2001:1::1/128", "the Port Control Protocol anycast address", "RFC 7723", false),
            AddressBlock.of("2001:1::2/128", "the TURN anycast address", "RFC 8155", false),
            AddressBlock.of("2001:1::3/128", "the DNS-SD service registration anycast address", "RFC 9665", false),
            AddressBlock.of("2001:2::/48", "a benchmarking address", "RFC 5180", false),
            AddressBlock.of("2001:3::/32", "an AMT address", "RFC 7450", false),
            AddressBlock.of("2001:4:112::/48", "an AS112 address", "RFC 7535", false),
            AddressBlock.of("2001:10::/28", "a deprecated ORCHID address", "RFC 4843", false),
            AddressBlock.of("2001:20::/28", "an ORCHIDv2 identifier", "RFC 7343", false),
            AddressBlock.of("2001:30::/28", "a drone remote ID entity tag", "RFC 9374", false),
            AddressBlock.of("2001:db8::/32", "a documentation address", "RFC 3849", false),
            AddressBlock.of("2620:4f:8000::/48", "an AS112 direct delegation address", "RFC 7534", false),
            AddressBlock.of("3ffe::/16", "a returned 6bone address", "RFC 3701", false),
            AddressBlock.of("3fff::/20", "a documentation address", "RFC 9637", false),
            AddressBlock.of("5f00::/16", "a segment routing (SRv6) SID", "RFC 9602", false),
            AddressBlock.of("fc00::/7", "a unique local address", "RFC 4193", true),
            AddressBlock.of("fd00:ec2::254/128", "a cloud metadata service address (AWS)", "AWS documentation", false),
            AddressBlock.of("fe80::/10", "a link-local address", "RFC 4291 section 2.5.6", false),
            AddressBlock.of("fec0::/10", "a deprecated site-local address", "RFC 3879", false),
            AddressBlock.of("ff00::/8", "a multicast address", "RFC 4291 section 2.7", false));

    /**
     * Everything outside 2000::/3 that is not a row above: IANA has allocated only 2000::/3 for global
     * unicast (RFC 4291 section 2.4; IANA IPv6 Address Space), so nothing else is a public server.
     */
    static final AddressBlock IPV6_GLOBAL_UNICAST = AddressBlock.of("2000::/3", "global unicast", "RFC 4291 section 2.4", false);
    static final AddressBlock IPV6_UNALLOCATED = new AddressBlock(new byte[16], 0,
            "an address outside the global unicast space 2000::/3", "RFC 4291 section 2.4", false);

    private SpecialPurposeAddresses() {
    }

    /** The most specific row holding the address, so 169.254.169.254 is named as metadata, not link-local. */
    static Optional<AddressBlock> find(byte[] address) {
        List<AddressBlock> table = address.length == 4 ? IPV4 : IPV6;
        AddressBlock best = null;
        for (AddressBlock block : table) {
            if (block.contains(address) && (best == null || block.length() > best.length())) {
                best = block;
            }
        }
        if (best == null && address.length == 16 && !IPV6_GLOBAL_UNICAST.contains(address)) {
            best = IPV6_UNALLOCATED;
        }
        return Optional.ofNullable(best);
    }
}
