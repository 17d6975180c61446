package org.panelwatch.ingest.service;

import java.time.Instant;

/**
 * One item as pushed or read from a feed, already validated: title and body present, url absolute
 * http(s). {@code fetch}: the sender asks for the article page at {@code url} (which it then has).
 */
public record ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
        String externalId, boolean fetch) {

    /** An item whose page is fetched only when its text is no more than a summary. */
    public ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
            String externalId) {
        this(url, title, body, published, source, lang, externalId, false);
    }
}
