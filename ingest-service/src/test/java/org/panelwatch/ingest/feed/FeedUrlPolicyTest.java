package org.panelwatch.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedUrlPolicyTest {

    private final FeedUrlPolicy prod = new FeedUrlPolicy(false);
    private final FeedUrlPolicy local = new FeedUrlPolicy(true);

    @Test
    void onlyHttpUrlsAreFeeds() {
        assertThat(prod.refusal("ftp://example.org/feed")).isNotNull();
        assertThat(prod.refusal("file:///etc/passwd")).isNotNull();
        assertThat(prod.refusal("/relative/feed.xml")).isNotNull();
        assertThat(local.refusal("gopher://127.0.0.1/")).isNotNull();
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowed() {
        for (String url : new String[] {"http://127.0.0.1:8080/feed", "http://localhost/feed", "http://10.1.2.3/",
                "http://192.168.0.1/", "http://172.16.5.4/", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/"}) {
            assertThat(prod.refusal(url)).as(url).isNotNull();
            assertThat(local.refusal(url)).as(url).isNull();
        }
        assertThat(prod.refusal("http://93.184.215.14/feed.xml")).isNull();
    }

    /** No feed lives there, and a metadata service hands out the machine's cloud credentials to whoever asks. */
    @Test
    void linkLocalAndMetadataAddressesAreRefusedEvenWherePrivateAddressesAreAllowed() {
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://169.254.170.2/v2/credentials",
                "http://[fd00:ec2::254]/latest/meta-data/", "http://100.100.100.200/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "http://[fe80::1]/", "http://0.0.0.0/",
                "http://[::]/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[::ffff:169.254.169.254]/"}) {
            assertThat(local.refusal(url)).as(url).isNotNull();
            assertThat(prod.refusal(url)).as(url).isNotNull();
        }
    }

    @Test
    void aPortOutsideTheTcpRangeIsRefused() {
        assertThat(local.refusal("http://127.0.0.1:99999/feed.xml")).isNotNull();
        assertThat(local.refusal("http://127.0.0.1:0/feed.xml")).isNotNull();
        assertThat(local.refusal("http://127.0.0.1:8080/feed.xml")).isNull();
    }
}
