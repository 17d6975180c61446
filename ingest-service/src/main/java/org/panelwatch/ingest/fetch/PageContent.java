package org.panelwatch.ingest.fetch;

import java.time.Instant;

/**
 * What a page says of itself: its main text (paragraphs separated by blank lines), and the title,
 * published date, language (primary subtag), canonical URL and paywall flag when it gives them.
 */
public record PageContent(String articleBody, String title, Instant published, String lang, String canonicalUrl,
        boolean paywalled) {
}
