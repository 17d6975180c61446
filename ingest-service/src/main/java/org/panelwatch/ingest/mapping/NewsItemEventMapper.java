package org.panelwatch.ingest.mapping;

import java.time.Instant;
import java.util.UUID;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.normalisation.TextNormaliser.NormalisedText;
import org.panelwatch.ingest.service.ItemIdentity;
import org.panelwatch.ingest.service.ItemSubmission;

/** A submitted item and its cleaned text become the event on {@code panelwatch.news.raw}. */
public final class NewsItemEventMapper {

    private NewsItemEventMapper() {
    }

    public static NewsItemEvent toEvent(UUID id, ItemSubmission item, NormalisedText normalised, String feedId,
            Instant ingestedAt, String textSource) {
        return toEvent(id, item.url() == null ? null : ItemIdentity.canonicalUrl(item.url()), item, normalised, feedId,
                ingestedAt, textSource);
    }

    /** {@code url} the item's address as the event carries it: for a fetched page, the page's canonical URL. */
    public static NewsItemEvent toEvent(UUID id, String url, ItemSubmission item, NormalisedText normalised, String feedId,
            Instant ingestedAt, String textSource) {
        return new NewsItemEvent(
                NewsItemEvent.SCHEMA_VERSION,
                id.toString(),
                url,
                normalised.title(),
                normalised.text(),
                item.published(),
                item.source(),
                normalised.lang(),
                item.externalId(),
                feedId,
                ingestedAt,
                normalised.report(),
                textSource);
    }
}
