package org.panelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemIdentityTest {

    @Test
    void canonicalUrlDropsTrackingFragmentDefaultPortAndCaseOfHost() {
        assertThat(ItemIdentity.canonicalUrl("HTTPS://News.Example.ORG:443/a/B?utm_source=x&z=1&fbclid=q&a=2&gclid=g#top"))
                .isEqualTo("https://news.example.org/a/B?a=2&z=1");
        assertThat(ItemIdentity.canonicalUrl("http://example.org")).isEqualTo("http://example.org/");
        assertThat(ItemIdentity.canonicalUrl("http://example.org:8080/x?")).isEqualTo("http://example.org:8080/x");
    }

    @Test
    void idsAreStableVersion5UuidsFromUrlElseSourceIdElseText() {
        ItemSubmission byUrl = new ItemSubmission("https://example.org/a?utm_medium=rss", "T", "B", null, "S", null, "1");
        ItemSubmission sameUrl = new ItemSubmission("https://EXAMPLE.org/a#x", "Other", "Other", null, null, null, null);
        assertThat(ItemIdentity.of(byUrl, "T", "B")).isEqualTo(ItemIdentity.of(sameUrl, "Other", "Other"));
        assertThat(ItemIdentity.of(byUrl, "T", "B").version()).isEqualTo(5);

        ItemSubmission bySource = new ItemSubmission(null, "T", "B", null, "Wire", null, "42");
        ItemSubmission bySourceEdited = new ItemSubmission(null, "T2", "B2", null, " wire ", null, "42");
        assertThat(ItemIdentity.of(bySource, "T", "B")).isEqualTo(ItemIdentity.of(bySourceEdited, "T2", "B2"));

        ItemSubmission byText = new ItemSubmission(null, "T", "B", null, "Wire", null, null);
        assertThat(ItemIdentity.of(byText, "T", "B")).isEqualTo(ItemIdentity.of(byText, "T", "B"))
                .isNotEqualTo(ItemIdentity.of(byText, "T", "B changed"));
    }
}
