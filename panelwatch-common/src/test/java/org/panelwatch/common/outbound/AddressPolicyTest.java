package org.panelwatch.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The address table: one address of every row of the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries, multicast, the metadata addresses, every IPv6 form that carries an IPv4 address, the
 * addresses of the issue that the old guards let through, and public addresses on both sides of the
 * ranges. Columns: the address, then what public-only (prod) and private-allowed (local, test) decide.
 */
class AddressPolicyTest {

    private static final AddressPolicy PUBLIC_ONLY = AddressPolicy.publicOnly();
    private static final AddressPolicy PRIVATE_ALLOWED = AddressPolicy.privateAllowed();

    @ParameterizedTest(name = "{0}: public-only {1}, private-allowed {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # IPv4 Special-Purpose Address Registry
            0.0.0.0               | refused | refused
            0.1.2.3               | refused | refused
            10.0.0.0              | refused | allowed
            10.255.255.255        | refused | allowed
            100.64.0.1            | refused | allowed
            100.127.255.255       | refused | allowed
            127.0.0.1             | refused | allowed
            127.8.9.10            | refused | allowed
            169.254.0.1           | refused | refused
            169.254.169.254       | refused | refused
            169.254.170.2         | refused | refused
            172.16.0.1            | refused | allowed
            172.31.255.255        | refused | allowed
            192.0.0.1             | refused | refused
            192.0.0.8             | refused | refused
            192.0.0.9             | refused | refused
            192.0.0.10            | refused | refused
            192.0.0.170           | refused | refused
            192.0.0.171           | refused | refused
            192.0.0.255           | refused | refused
            192.0.2.1             | refused | refused
            192.31.196.1          | refused | refused
            192.52.193.1          | refused | refused
            192.88.99.1           | refused | refused
            192.88.99.2           | refused | refused
            192.168.0.1           | refused | allowed
            192.168.255.255       | refused | allowed
            192.175.48.1          | refused | refused
            198.18.0.1            | refused | refused
            198.19.255.255        | refused | refused
            198.51.100.1          | refused | refused
            203.0.113.1           | refused | refused
            240.0.0.1             | refused | refused
            255.255.255.255       | refused | refused
            # multicast (IPv4 Multicast Address Space Registry) and metadata
            224.0.0.1             | refused | refused
            239.255.255.250       | refused | refused
            100.100.100.200       | refused | refused
            # public, at the edges of the ranges above
            1.1.1.1               | allowed | allowed
            9.255.255.255         | allowed | allowed
            11.0.0.0              | allowed | allowed
            100.63.255.255        | allowed | allowed
            100.128.0.0           | allowed | allowed
            126.255.255.255       | allowed | allowed
            128.0.0.0             | allowed | allowed
            169.253.255.255       | allowed | allowed
            169.255.0.0           | allowed | allowed
            172.15.255.255        | allowed | allowed
            172.32.0.0            | allowed | allowed
            192.0.1.1             | allowed | allowed
            192.88.98.255         | allowed | allowed
            192.167.255.255       | allowed | allowed
            192.169.0.0           | allowed | allowed
            198.17.255.255        | allowed | allowed
            198.20.0.0            | allowed | allowed
            223.255.255.255       | allowed | allowed
            93.184.215.14         | allowed | allowed
            # IPv6 Special-Purpose Address Registry
            ::                    | refused | refused
            ::1                   | refused | allowed
            100::1                | refused | refused
            100:0:0:1::1          | refused | refused
            2001:1::1             | refused | refused
            2001:1::2             | refused | refused
            2001:1::3             | refused | refused
            2001:2::1             | refused | refused
            2001:3::1             | refused | refused
            2001:4:112::1         | refused | refused
            2001:10::1            | refused | refused
            2001:20::1            | refused | refused
            2001:30::1            | refused | refused
            2001:1ff::1           | refused | refused
            2001:db8::1           | refused | refused
            2620:4f:8000::1       | refused | refused
            3fff::1               | refused | refused
            5f00::1               | refused | refused
            fc00::1               | refused | allowed
            fd12:3456::1          | refused | allowed
            fe80::1               | refused | refused
            febf::1               | refused | refused
            # multicast, deprecated site-local, 6bone, outside global unicast, metadata
            ff02::1               | refused | refused
            ff0e::1               | refused | refused
            fec0::1               | refused | refused
            3ffe::1               | refused | refused
            4000::1               | refused | refused
            1000::1               | refused | refused
            fd00:ec2::254         | refused | refused
            # public IPv6
            2606:4700:4700::1111  | allowed | allowed
            2a00:1450:4001::1     | allowed | allowed
            2001:200::1           | allowed | allowed
            2620:4f:8001::1       | allowed | allowed
            # IPv4-mapped ::ffff:0:0/96 (Java reads these as IPv4 already)
            ::ffff:169.254.169.254 | refused | refused
            ::ffff:127.0.0.1      | refused | allowed
            ::ffff:10.0.0.1       | refused | allowed
            ::ffff:93.184.215.14  | allowed | allowed
            # IPv4-compatible ::/96
            ::169.254.169.254     | refused | refused
            ::127.0.0.1           | refused | allowed
            ::a00:5               | refused | allowed
            ::100.100.100.200     | refused | refused
            ::2                   | refused | refused
            ::93.184.215.14       | allowed | allowed
            # IPv4-translated ::ffff:0:0:0/96 (RFC 2765)
            ::ffff:0:a9fe:a9fe    | refused | refused
            ::ffff:0:a00:5        | refused | allowed
            ::ffff:0:5db8:d70e    | allowed | allowed
            # NAT64 64:ff9b::/96 (RFC 6052)
            64:ff9b::169.254.169.254 | refused | refused
            64:ff9b::a00:5        | refused | allowed
            64:ff9b::7f00:1       | refused | allowed
            64:ff9b::e000:1       | refused | refused
            64:ff9b::5db8:d70e    | allowed | allowed
            # local-use NAT64 64:ff9b:1::/48 (RFC 8215): refused whatever it carries
            64:ff9b:1::a00:5      | refused | refused
            64:ff9b:1::5db8:d70e  | refused | refused
            64:ff9b:1:a9fe:a9:fe00:: | refused | refused
            # 6to4 2002::/16: the IPv4 address in bits 16-47
            2002:a00:5::          | refused | allowed
            2002:a9fe:a9fe::1     | refused | refused
            2002:7f00:1::1        | refused | allowed
            2002:5db8:d70e::1     | allowed | allowed
            # Teredo 2001::/32: server in bits 32-63, client inverted in bits 96-127
            2001:0:a00:5::        | refused | refused
            2001:0:5db8:d70e::f5ff:fffa | refused | allowed
            2001:0:5db8:d70e::5601:5601 | refused | refused
            2001:0:5db8:d70e::a247:28f1 | allowed | allowed
            2001:0:a9fe:a9fe::a247:28f1 | refused | refused
            """)
    void decidesEveryRegistryRowAndEveryEmbeddedForm(String address, String publicOnly, String privateAllowed)
            throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(PUBLIC_ONLY.refusal(parsed).isEmpty()).as("public-only, " + address).isEqualTo(publicOnly.equals("allowed"));
        assertThat(PRIVATE_ALLOWED.refusal(parsed).isEmpty()).as("private-allowed, " + address)
                .isEqualTo(privateAllowed.equals("allowed"));
    }

    /** The addresses of the issue: every one of them passed a guard, in some profile. */
    @ParameterizedTest
    @CsvSource(textBlock = """
            64:ff9b::169.254.169.254, true
            ::169.254.169.254, true
            ::127.0.0.1, false
            ::a00:5, false
            64:ff9b::a00:5, false
            64:ff9b:1::a00:5, true
            192.0.0.8, true
            2002:a00:5::, false
            2001:0:a00:5::, true
            """)
    void theAddressesOfTheIssueAreRefusedInProductionAndTheLinkLocalOnesEverywhere(String address, boolean refusedEverywhere)
            throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(address);
        assertThat(PUBLIC_ONLY.refusal(parsed)).as(address).isPresent();
        assertThat(PRIVATE_ALLOWED.refusal(parsed).isPresent()).as(address).isEqualTo(refusedEverywhere);
    }

    @Test
    void theReasonNamesTheAddressWhatItCarriesAndTheRfc() throws UnknownHostException {
        assertThat(PUBLIC_ONLY.refusal(InetAddress.getByName("10.0.0.5")))
                .hasValue("10.0.0.5 is a private-use address (RFC 1918)");
        assertThat(PRIVATE_ALLOWED.refusal(InetAddress.getByName("64:ff9b::a9fe:a9fe"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("NAT64").contains("169.254.169.254").contains("metadata"));
        assertThat(PUBLIC_ONLY.refusal(InetAddress.getByName("2001:0:a00:5::"))).hasValueSatisfying(reason ->
                assertThat(reason).contains("Teredo").contains("10.0.0.5").contains("RFC 1918"));
    }

    @Test
    void metadataNamesAreRefusedEverywhereAndLocalhostOnlyInProduction() {
        for (String name : new String[] {"metadata.google.internal", "METADATA.google.internal.", "metadata", "instance-data"}) {
            assertThat(PRIVATE_ALLOWED.refusalOfName(name)).as(name).isPresent();
            assertThat(PUBLIC_ONLY.refusalOfName(name)).as(name).isPresent();
        }
        assertThat(PUBLIC_ONLY.refusalOfName("localhost")).isPresent();
        assertThat(PUBLIC_ONLY.refusalOfName("api.localhost")).isPresent();
        assertThat(PRIVATE_ALLOWED.refusalOfName("localhost")).isEmpty();
        assertThat(PUBLIC_ONLY.refusalOfName("feeds.example.org")).isEmpty();
    }
}
