package org.panelwatch.analysis.service;

import static jakarta.transaction.Transactional.TxType.REQUIRED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.common.event.NewsItemEvent;

/** Stores incoming items; a redelivered item changes nothing. */
@ApplicationScoped
@Transactional(REQUIRED)
public class NewsItemService {

    public boolean store(NewsItemEvent event) {
        UUID id = UUID.fromString(event.id());
        if (NewsItem.findById(id) != null) {
            return false;
        }
        NewsItem item = new NewsItem();
        item.id = id;
        item.url = event.url();
        item.title = event.title();
        item.body = event.text();
        item.published = event.published();
        item.source = event.source();
        item.lang = event.lang();
        item.externalId = event.externalId();
        item.ingestedAt = event.ingestedAt() != null ? event.ingestedAt() : Instant.now();
        item.persist();
        return true;
    }
}
