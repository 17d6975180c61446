package org.panelwatch.analysis.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.panelwatch.analysis.service.NewsItemService;
import org.panelwatch.common.event.NewsItemEvent;

/**
 * Translates records of {@code panelwatch.news.raw} into calls of the item service. A record that
 * is not a news item throws, which nacks it: the connector sends it to the dead-letter topic with
 * the reason and goes on.
 */
@ApplicationScoped
public class NewsItemConsumer {

    static final String CHANNEL = "news-raw";

    private final NewsItemService items;
    private final ObjectMapper mapper;

    public NewsItemConsumer(NewsItemService items, ObjectMapper mapper) {
        this.items = items;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(byte[] value) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("record has no value");
        }
        NewsItemEvent event = mapper.readValue(value, NewsItemEvent.class);
        if (event.id() == null || event.title() == null || event.text() == null) {
            throw new IllegalArgumentException("record is not a news item: id, title and text are required");
        }
        items.store(event);
    }
}
