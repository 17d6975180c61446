package org.panelwatch.common.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One row of a special-purpose address registry: a prefix, what it is, the RFC that reserves it, and
 * whether a private-allowed policy opens it.
 */
record AddressBlock(byte[] prefix, int length, String name, String rfc, boolean openedWherePrivateIsAllowed) {

    /** A block from CIDR text such as {@code "10.0.0.0/8"}; literals only, so no DNS lookup happens. */
    static AddressBlock of(String cidr, String name, String rfc, boolean openedWherePrivateIsAllowed) {
        int slash = cidr.indexOf('/');
        String literal = cidr.substring(0, slash);
        byte[] bytes;
        try {
            InetAddress address = InetAddress.getByName(literal);
            if (literal.contains(":") && address instanceof Inet4Address) {
                throw new IllegalArgumentException(cidr + ": Java reads it as IPv4; decode it as an embedded form instead");
            }
            bytes = address.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        return new AddressBlock(bytes, Integer.parseInt(cidr.substring(slash + 1)), name, rfc, openedWherePrivateIsAllowed);
    }

    boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        int whole = length / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (prefix[whole] & mask);
    }

    /** How the reason names it: "a private-use address (RFC 1918)". */
    String described() {
        return name + " (" + rfc + ")";
    }
}
