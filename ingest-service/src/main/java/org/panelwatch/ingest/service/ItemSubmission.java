package org.panelwatch.ingest.service;

import java.time.Instant;

/**
 * One item as pushed or read from a feed, already validated: title and body present, url absolute
 * http(s). {@code fetch}: the article page at {@code url} is to be fetched (the sender asked for it, or the
 * item points to an article: a GDELT result, an entry of a summary-only feed).
 */
public record ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
        String externalId, boolean fetch) {

    /** An item whose page is fetched only when its text is no more than a summary. */
    public ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
            String externalId) {
        this(url, title, body, published, source, lang, externalId, false);
    }

    /**
     * The same item, marked as needing its page (a GDELT article, an entry of a summary-only feed): the
     * page fetch path fetches it whatever the length of what it carries.
     */
    public ItemSubmission needingPage() {
        return fetch ? this : new ItemSubmission(url, title, body, published, source, lang, externalId, true);
    }
}
