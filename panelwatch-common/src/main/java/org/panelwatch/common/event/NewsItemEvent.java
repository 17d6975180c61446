package org.panelwatch.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A normalised news item as it travels on {@code panelwatch.news.raw}, keyed by {@link #id()}.
 * Readers ignore unknown fields so that minor additions do not need a new {@code schemaVersion}.
 * {@link #textSource()} says which text the item carries: the article page's ({@code page}), or
 * what was pushed ({@code pushed}) or read from the feed ({@code feed}); null in events from before it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NewsItemEvent(
        int schemaVersion,
        String id,
        String url,
        String title,
        String text,
        Instant published,
        String source,
        String lang,
        String externalId,
        String feedId,
        Instant ingestedAt,
        NormalisationReport normalisation,
        String textSource) {

    public static final int SCHEMA_VERSION = 1;

    public static final String TEXT_FROM_PAGE = "page";
    public static final String TEXT_AS_PUSHED = "pushed";
    public static final String TEXT_FROM_FEED = "feed";

    /** An event that does not say where its text came from (the fields before {@code textSource}). */
    public NewsItemEvent(int schemaVersion, String id, String url, String title, String text, Instant published,
            String source, String lang, String externalId, String feedId, Instant ingestedAt,
            NormalisationReport normalisation) {
        this(schemaVersion, id, url, title, text, published, source, lang, externalId, feedId, ingestedAt, normalisation,
                null);
    }

    /** What normalisation did to the text: lengths and how many pieces of each kind it removed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NormalisationReport(
            int originalLength,
            int textLength,
            int removedCodeFences,
            int removedRepeatedParagraphs,
            int removedRepeatedLines,
            int removedBoilerplate,
            boolean languageDetected) {
    }
}
