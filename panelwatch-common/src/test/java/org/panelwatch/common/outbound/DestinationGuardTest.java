package org.panelwatch.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationGuardTest {

    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.org", new String[] {"93.184.215.14"},
            "internal.example.org", new String[] {"10.0.0.5"},
            "mixed.example.org", new String[] {"93.184.215.14", "127.0.0.1"},
            "nat64-metadata.example.org", new String[] {"64:ff9b::a9fe:a9fe"});

    private final DestinationGuard prod = new DestinationGuard(AddressPolicy.publicOnly(), DestinationGuardTest::resolve);
    private final DestinationGuard local = new DestinationGuard(AddressPolicy.privateAllowed(), DestinationGuardTest::resolve);

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAndATcpPortAreDestinations() {
        for (String url : new String[] {"ftp://example.org/feed", "file:///etc/passwd", "/relative/feed.xml",
                "gopher://127.0.0.1/", "http://", "not a url", "http://127.0.0.1:99999/", "http://127.0.0.1:0/",
                "https://user:secret@hooks.example.org/"}) {
            assertThat(local.check(url).refused()).as(url).isTrue();
        }
        assertThat(local.check("http://127.0.0.1:8080/feed.xml").verdict()).isEqualTo(DestinationGuard.Verdict.ALLOWED);
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() {
        assertThat(prod.check("https://hooks.example.org/x").verdict()).isEqualTo(DestinationGuard.Verdict.ALLOWED);
        assertThat(prod.check("https://internal.example.org/x").reason()).contains("10.0.0.5");
        assertThat(local.check("https://internal.example.org/x").verdict()).isEqualTo(DestinationGuard.Verdict.ALLOWED);
        // One loopback answer among public ones refuses the name: it is not trimmed to the public ones.
        assertThat(prod.check("https://mixed.example.org/x").refused()).isTrue();
        assertThat(local.check("https://nat64-metadata.example.org/x").reason()).contains("169.254.169.254");
    }

    @Test
    void namesAreRefusedBeforeAnyLookupAndUnknownNamesAreSaidToBeUnresolved() throws UnknownHostException {
        assertThat(local.check("http://metadata.google.internal/computeMetadata/v1/").refused()).isTrue();
        assertThat(prod.check("http://localhost:8080/").refused()).isTrue();
        assertThat(prod.check("https://nowhere.example.org/").verdict()).isEqualTo(DestinationGuard.Verdict.UNRESOLVED);
        assertThat(prod.allowedAddresses("[2606:4700:4700::1111]")).extracting(InetAddress::getHostAddress)
                .containsExactly("2606:4700:4700:0:0:0:0:1111");
        assertThatThrownBy(() -> prod.allowedAddresses("[::ffff:127.0.0.1]")).isInstanceOf(AddressNotAllowedException.class);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] answers = DNS.get(host);
        if (answers == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            addresses[i] = InetAddress.getByName(answers[i]);
        }
        return addresses;
    }
}
