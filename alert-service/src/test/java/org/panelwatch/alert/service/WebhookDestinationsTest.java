package org.panelwatch.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.panelwatch.common.outbound.AddressPolicy;
import org.panelwatch.common.outbound.DestinationGuard;

/** Which webhook URLs may be saved, with production's settings and with private addresses allowed. */
class WebhookDestinationsTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.org", "93.184.216.34",
            "rebound.example.org", "10.0.0.5",
            "metadata-alias.example.org", "169.254.169.254",
            "nat64-metadata.example.org", "64:ff9b::a9fe:a9fe",
            "v6.example.org", "2606:4700:4700::1111");

    private final WebhookDestinations prod = destinations(AddressPolicy.publicOnly());
    private final WebhookDestinations local = destinations(AddressPolicy.privateAllowed());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://127.8.9.10:8080/hook", "http://localhost/hook",
            "http://api.localhost/hook", "http://10.1.2.3/hook", "http://172.16.0.1/hook", "http://172.31.255.255/hook",
            "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data", "http://metadata.google.internal/x",
            "http://0.0.0.0/hook", "http://100.64.0.1/hook", "http://[::1]/hook", "http://[fe80::1]/hook",
            "http://[fd00:ec2::254]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:10.0.0.1]/hook",
            "http://224.0.0.1/hook", "https://rebound.example.org/hook", "https://metadata-alias.example.org/hook",
            "https://does-not-resolve.example.org/hook",
            // The addresses: each passed one of the old guards.
            "http://[64:ff9b::169.254.169.254]/latest/meta-data/", "http://[::169.254.169.254]/", "http://[::127.0.0.1]/",
            "http://[::a00:5]/", "http://[64:ff9b::a00:5]/", "http://[64:ff9b:1::a00:5]/", "http://192.0.0.8/",
            "http://[2002:a00:5::]/", "http://[2001:0:a00:5::]/"})
    void prodRefusesNonPublicDestinations(String url) {
        assertThat(prod.problem(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.org/panelwatch", "http://93.184.216.34:8443/x",
            "https://v6.example.org/hook", "https://[2606:4700:4700::1111]/hook"})
    void prodAllowsPublicDestinations(String url) {
        assertThat(prod.problem(url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost:9000/hook", "http://10.1.2.3/hook",
            "http://192.168.1.1/hook", "http://100.64.0.1/hook", "http://[::1]/hook", "http://[fd12:3456::1]/hook",
            "https://rebound.example.org/hook", "https://does-not-resolve.example.org/hook", "http://[2002:a00:5::]/"})
    void anOperatorMayAllowPrivateAddresses(String url) {
        assertThat(local.problem(url)).as(url).isEmpty();
    }

    /** No receiver lives there, and the metadata services hand a machine's cloud credentials to anyone inside it. */
    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://169.254.170.2/v2/credentials",
            "http://[fd00:ec2::254]/latest/meta-data/", "http://100.100.100.200/latest/meta-data/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://[fe80::1]/hook", "http://0.0.0.0:8083/hook",
            "http://0.1.2.3/hook", "http://[::]/hook", "http://224.0.0.1/hook", "http://[ff02::1]/hook",
            "http://255.255.255.255/hook", "http://240.0.0.1/hook", "http://[::ffff:169.254.169.254]/",
            "https://metadata-alias.example.org/hook", "https://nat64-metadata.example.org/hook",
            "http://[64:ff9b::169.254.169.254]/latest/meta-data/", "http://[::169.254.169.254]/", "http://192.0.0.8/",
            "http://[2001:0:a00:5::]/", "http://[64:ff9b:1::a00:5]/"})
    void linkLocalAndMetadataAddressesAreRefusedEvenWherePrivateAddressesAreAllowed(String url) {
        assertThat(local.problem(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/x", "not a url at all", "http://127.0.0.1:99999/hook",
            "https://user:secret@hooks.example.org/", "file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL"})
    void onlyHttpUrlsWithATcpPortAndNoCredentialsAreWebhooks(String url) {
        assertThat(local.problem(url)).as(url).isPresent();
    }

    @Test
    void theReasonNamesTheAddress() {
        assertThat(prod.problem("https://rebound.example.org/hook")).hasValueSatisfying(r -> assertThat(r).contains("10.0.0.5"));
    }

    private static WebhookDestinations destinations(AddressPolicy policy) {
        return new WebhookDestinations(new DestinationGuard(policy, WebhookDestinationsTest::resolve));
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String literal = DNS.get(host);
        if (literal != null) {
            return new InetAddress[] {InetAddress.getByName(literal)};
        }
        if (host.matches("[0-9.]+") || host.contains(":") || host.equals("localhost")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }
}
