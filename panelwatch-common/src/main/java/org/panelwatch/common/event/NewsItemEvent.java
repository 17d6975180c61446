package org.panelwatch.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A normalised news item as it travels on {@code panelwatch.news.raw}, keyed by {@link #id()}.
 * Readers ignore unknown fields so that minor additions do not need a new {@code schemaVersion}.
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
        NormalisationReport normalisation) {

    public static final int SCHEMA_VERSION = 1;

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
