package org.panelwatch.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.mapping.NewsItemEventMapper;
import org.panelwatch.ingest.messaging.RawNewsProducer;
import org.panelwatch.ingest.normalisation.TextNormaliser;
import org.panelwatch.ingest.normalisation.TextNormaliser.NormalisedText;
import org.panelwatch.ingest.repository.ItemIdentityRepository;

/**
 * Takes a batch of items (pushed or polled) to Kafka: normalise, identify, keep only ids never
 * seen, send, and record the ids only when Kafka acknowledged every record. The claim and the send
 * share one transaction: a send failure rolls the claim back, so a retry is accepted and nothing
 * is lost; a concurrent claim of the same id waits for the outcome instead of sending it twice.
 *
 * <p>An item that is only a summary of an article page ({@link PageQueue#needsPage}) is not sent
 * here: it is queued in the same transaction that claims its id, and goes to Kafka once, with its
 * final text, when its page has been fetched (or could not be). Its id is claimed by the URL it
 * came with, the only one known now; the page's canonical URL is checked after the fetch
 * ({@link PageFetchService}).
 */
@ApplicationScoped
@Transactional
public class ItemIngestService {

    private static final Logger LOG = Logger.getLogger(ItemIngestService.class);

    private final TextNormaliser normaliser;
    private final ItemIdentityRepository identities;
    private final RawNewsProducer producer;
    private final PageQueue pages;
    private final int retryAfterSeconds;
    private final Counter accepted;
    private final Counter duplicates;

    public ItemIngestService(TextNormaliser normaliser, ItemIdentityRepository identities, RawNewsProducer producer,
            PageQueue pages, IngestConfig config, MeterRegistry registry) {
        this.normaliser = normaliser;
        this.identities = identities;
        this.producer = producer;
        this.pages = pages;
        this.retryAfterSeconds = config.kafka().retryAfterSeconds();
        this.accepted = registry.counter("panelwatch.ingest.items", "status", "accepted");
        this.duplicates = registry.counter("panelwatch.ingest.items", "status", "duplicate");
    }

    /** Items whose text is empty once cleaned (only furniture was sent), by position in the batch. */
    public static final class EmptyTextException extends RuntimeException {
        private final transient List<Integer> positions;

        EmptyTextException(List<Integer> positions) {
            super("items without text: " + positions);
            this.positions = positions;
        }

        public List<Integer> positions() {
            return positions;
        }
    }

    /**
     * Items pushed to the API. Results in the order of {@code items}; the same id twice in one batch is
     * accepted once. Items with no text once cleaned reject the batch ({@link EmptyTextException}).
     */
    public List<IngestResult> ingestPushed(List<ItemSubmission> items, String traceparent) {
        return ingest(items, null, false, traceparent, false);
    }

    /**
     * The entries of a feed's poll, in the order of {@code entries}. An entry of nothing but furniture
     * is {@code SKIPPED}; {@code summaryOnlyFeed}: every entry of the feed is a summary, so each with a
     * link waits for its page.
     */
    public List<IngestResult> ingestFeedEntries(List<ItemSubmission> entries, String feedId, boolean summaryOnlyFeed,
            String traceparent) {
        return ingest(entries, feedId, summaryOnlyFeed, traceparent, true);
    }

    private List<IngestResult> ingest(List<ItemSubmission> items, String feedId, boolean summaryOnlyFeed, String traceparent,
            boolean skipEmpty) {
        Instant now = Instant.now();
        String textSource = feedId == null ? NewsItemEvent.TEXT_AS_PUSHED : NewsItemEvent.TEXT_FROM_FEED;
        List<UUID> ids = new ArrayList<>(items.size());
        Map<UUID, NewsItemEvent> events = new LinkedHashMap<>();
        Map<UUID, ItemSubmission> awaitingPage = new LinkedHashMap<>();
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ItemSubmission item = items.get(i);
            NormalisedText normalised = normaliser.normalise(item.title(), item.body(), item.lang());
            boolean needsPage = pages.needsPage(item, normalised.text(), summaryOnlyFeed);
            if (normalised.text().isEmpty() && !needsPage) {
                empty.add(i);
                ids.add(null);
                continue;
            }
            UUID id = ItemIdentity.of(item, normalised.title(), normalised.text());
            ids.add(id);
            if (events.containsKey(id) || awaitingPage.containsKey(id)) {
                continue;
            }
            if (needsPage) {
                awaitingPage.put(id, item);
            } else {
                events.put(id, NewsItemEventMapper.toEvent(id, item, normalised, feedId, now, textSource));
            }
        }
        if (!empty.isEmpty() && !skipEmpty) {
            throw new EmptyTextException(empty);
        }

        Set<UUID> all = new HashSet<>(events.keySet());
        all.addAll(awaitingPage.keySet());
        Set<UUID> fresh = identities.claim(all);
        awaitingPage.forEach((id, item) -> {
            if (fresh.contains(id)) {
                pages.enqueue(id, item, feedId, traceparent);
            }
        });
        List<NewsItemEvent> toSend = events.values().stream()
                .filter(e -> fresh.contains(UUID.fromString(e.id())))
                .toList();
        try {
            producer.publish(toSend, traceparent);
        } catch (RawNewsProducer.NotAcknowledgedException e) {
            LOG.warnf("Kafka did not take %d items (%s); the caller may retry", toSend.size(), e.getMessage());
            // Rolls back the claim and the queued pages: the ids stay unseen.
            throw ProblemException.unavailable("Kafka did not acknowledge the items; nothing was recorded, "
                    + "send them again.", retryAfterSeconds);
        }

        List<IngestResult> results = new ArrayList<>(items.size());
        Set<UUID> answered = new HashSet<>();
        for (UUID id : ids) {
            if (id == null) {
                results.add(new IngestResult(null, IngestResult.Status.SKIPPED));
                continue;
            }
            boolean isNew = fresh.contains(id) && answered.add(id);
            IngestResult.Status status = !isNew ? IngestResult.Status.DUPLICATE
                    : awaitingPage.containsKey(id) ? IngestResult.Status.QUEUED : IngestResult.Status.ACCEPTED;
            results.add(new IngestResult(id.toString(), status));
        }
        accepted.increment(fresh.size());
        duplicates.increment(items.size() - empty.size() - fresh.size());
        return results;
    }
}
