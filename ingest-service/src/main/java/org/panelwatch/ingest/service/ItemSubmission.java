package org.panelwatch.ingest.service;

import java.time.Instant;

/**
 * One item as pushed or read from a feed, already validated: title and body present, url absolute http(s).
 *
 * <p>{@code needsPage} is the hook for the page fetch path: the item is a pointer to an article whose
 * text Panelwatch does not have yet (a GDELT article, or an entry of a summary-only feed), so its page
 * should be fetched and its text extracted before it goes out. Until that path exists such an item goes
 * out with what it carries (see {@link ItemIngestService}).
 */
public record ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
        String externalId, boolean needsPage) {

    public ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
            String externalId) {
        this(url, title, body, published, source, lang, externalId, false);
    }

    /** The same item, marked as needing its page fetched. */
    public ItemSubmission needingPage() {
        return needsPage ? this : new ItemSubmission(url, title, body, published, source, lang, externalId, true);
    }
}
