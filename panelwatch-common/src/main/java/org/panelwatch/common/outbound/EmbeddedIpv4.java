package org.panelwatch.common.outbound;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IPv6 forms that carry an IPv4 address, and where the address sits in each. A connection to one
 * of them can end at the IPv4 address it carries (through the kernel, a NAT64 gateway or a tunnel
 * relay), so the policy judges the carried address too: {@code [64:ff9b::169.254.169.254]} is the
 * metadata service.
 *
 * @param form       what the form is called, with its RFC
 * @param carried    every IPv4 address the form carries (Teredo carries two)
 * @param localUse   the form is for one operator's own network (RFC 8215) and its IPv4 address
 *                   cannot be read with certainty
 */
record EmbeddedIpv4(String form, List<byte[]> carried, boolean localUse) {

    /** The IPv4 address(es) inside an IPv6 address, or empty when it is no such form. */
    static Optional<EmbeddedIpv4> in(byte[] b) {
        if (b.length != 16) {
            return Optional.empty();
        }
        if (zero(b, 0, 10) && ff(b, 10) && ff(b, 11)) {
            return of("IPv4-mapped ::ffff:0:0/96, RFC 4291 section 2.5.5.2", last4(b));
        }
        if (zero(b, 0, 8) && ff(b, 8) && ff(b, 9) && zero(b, 10, 12)) {
            return of("IPv4-translated ::ffff:0:0:0/96, RFC 2765 section 2.1", last4(b));
        }
        if (zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            // :: and ::1 are the unspecified and loopback addresses, not 0.0.0.0 and 0.0.0.1.
            return of("IPv4-compatible ::/96, RFC 4291 section 2.5.5.1", last4(b));
        }
        if (prefix(b, 0x00, 0x64, 0xff, 0x9b) && zero(b, 4, 12)) {
            return of("NAT64 64:ff9b::/96, RFC 6052 section 2.1", last4(b));
        }
        if (prefix(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            // RFC 8215 leaves the prefix length inside 64:ff9b:1::/48 to the operator, and RFC 6052
            // section 2.2 puts the IPv4 address elsewhere for each length (for a /48 split around the
            // u-octet, bits 64-71). Without the operator's length no reading is certain, so the policy
            // refuses the whole block; the /96 reading, the commonest, only names it in the reason.
            return Optional.of(new EmbeddedIpv4("local-use NAT64 64:ff9b:1::/48, RFC 8215", List.of(last4(b)), true));
        }
        if (prefix(b, 0x20, 0x02)) {
            return of("6to4 2002::/16, RFC 3056 section 2", Arrays.copyOfRange(b, 2, 6));
        }
        if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
            // RFC 4380 section 4: server address in bits 32-63, client address in bits 96-127 with every bit inverted.
            byte[] client = last4(b);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return Optional.of(new EmbeddedIpv4("Teredo 2001::/32, RFC 4380 section 4",
                    List.of(Arrays.copyOfRange(b, 4, 8), client), false));
        }
        return Optional.empty();
    }

    private static Optional<EmbeddedIpv4> of(String form, byte[] ipv4) {
        return Optional.of(new EmbeddedIpv4(form, List.of(ipv4), false));
    }

    private static byte[] last4(byte[] b) {
        return Arrays.copyOfRange(b, 12, 16);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ff(byte[] b, int i) {
        return (b[i] & 0xff) == 0xff;
    }

    private static boolean prefix(byte[] b, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((b[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
