package org.panelwatch.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.fetch.HostPace;
import org.panelwatch.ingest.repository.PageFetchRepository;

/**
 * Which items wait for their article page, and putting them in the queue: an item with a URL whose
 * text is only a summary (shorter than the configured length, from a feed marked summary-only, or
 * pushed with {@code "fetch": true}).
 */
@ApplicationScoped
public class PageQueue {

    private final PageFetchRepository repository;
    private final ObjectMapper json;
    private final int summaryMaxChars;

    public PageQueue(PageFetchRepository repository, ObjectMapper json, IngestConfig config) {
        this.repository = repository;
        this.json = json;
        this.summaryMaxChars = config.pages().summaryMaxChars();
    }

    /** {@code cleanedText} the item's text after normalisation, the length readers would get. */
    public boolean needsPage(ItemSubmission item, String cleanedText, boolean summaryOnlyFeed) {
        if (item.url() == null) {
            return false;
        }
        return item.fetch() || summaryOnlyFeed || cleanedText.length() < summaryMaxChars;
    }

    /** Queues the item; in the caller's transaction, so the row exists exactly when the identity is claimed. */
    public void enqueue(UUID id, ItemSubmission item, String feedId, String traceparent) {
        URI url = URI.create(item.url());
        repository.enqueue(id, item.url(), HostPace.hostKey(url), toJson(item), feedId, traceparent);
    }

    public ItemSubmission item(String itemJson) {
        try {
            return json.readValue(itemJson, ItemSubmission.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A queued item must read back", e);
        }
    }

    private String toJson(ItemSubmission item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An item submission must serialise", e);
        }
    }
}
