package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.panelwatch.analysis.config.AnalysisConfig;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.mapping.AnalysisMapper;
import org.panelwatch.analysis.repository.ItemEntity;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.Story;
import org.panelwatch.analysis.repository.StoryAnchor;
import org.panelwatch.analysis.repository.StoryBand;
import org.panelwatch.analysis.engine.story.EventKey;
import org.panelwatch.analysis.engine.story.EventKeys;
import org.panelwatch.analysis.engine.story.StoryMatcher;
import org.panelwatch.analysis.repository.StoredItemRepository;
import org.panelwatch.common.event.NewsItemEvent;

/**
 * Stores a batch of incoming items in one transaction (tagging runs before it): tags, entities, signals and their story.
 * Items already stored are skipped, so a redelivered record changes nothing. The database is asked
 * a few times per batch (which ids exist, which stored items share a band or a text hash with the batch,
 * which stored items of the batch's days share an event anchor with it), never once per item.
 */
@ApplicationScoped
public class NewsItemService {

    private static final int MAX_CANDIDATES = 20_000;
    /** Anchors indexed per item, the heaviest first: a long article states dozens of numbers. */
    private static final int MAX_ANCHORS = 40;
    private static final int TRANSACTION_TIMEOUT_SECONDS = 300;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(NewsItemService.class);

    private final BatchTagger tagger;
    private final StoredItemRepository storedItems;
    private final AnalysisConfig config;
    private final RecentAnswers recentAnswers;
    private final EventKeys eventKeys;
    private final StoryMatcher storyMatcher;

    public NewsItemService(BatchTagger tagger, StoredItemRepository storedItems, AnalysisConfig config,
            RecentAnswers recentAnswers, EventKeys eventKeys, StoryMatcher storyMatcher) {
        this.tagger = tagger;
        this.storedItems = storedItems;
        this.config = config;
        this.recentAnswers = recentAnswers;
        this.eventKeys = eventKeys;
        this.storyMatcher = storyMatcher;
    }

    public List<StoredItem> storeBatch(List<NewsItemEvent> events) {
        Map<UUID, NewsItemEvent> fresh = new LinkedHashMap<>();
        for (NewsItemEvent event : events) {
            fresh.putIfAbsent(UUID.fromString(event.id()), event);
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        QuarkusTransaction.requiringNew().call(() -> storedItems.storedIds(fresh.keySet())).forEach(fresh::remove);
        if (fresh.isEmpty()) {
            return List.of();
        }

        // The engine's work is done outside the transaction, so that a slow batch holds no connection.
        // A record redelivered meanwhile would be on the same partition, so after this batch; the
        // primary key is the last guard.
        List<NewsItemEvent> todo = List.copyOf(fresh.values());
        long t0 = System.nanoTime();
        List<Analysis> analyses = tagger.analyzeAll(todo.stream()
                .map(e -> new TaggingEngine.Item(e.title(), e.text(), e.lang())).toList());
        List<Fingerprint> fingerprints = todo.stream().map(e -> Fingerprint.of(e.title(), e.text())).toList();
        Instant received = Instant.now();
        List<EventKey> keys = new ArrayList<>(todo.size());
        List<Instant> times = new ArrayList<>(todo.size());
        for (int i = 0; i < todo.size(); i++) {
            NewsItemEvent e = todo.get(i);
            // The event's time is its publication; an item without one is matched as undated (the time it
            // was received says nothing of when the event was), but looked up around its sort time.
            keys.add(eventKeys.of(e.title(), e.text(), e.published(), analyses.get(i)));
            times.add(e.published() != null ? e.published() : e.ingestedAt() != null ? e.ingestedAt() : received);
        }
        List<StoredItem> stored = QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                .call(() -> persist(todo, analyses, fingerprints, keys, times, t0));
        recentAnswers.stored();
        return stored;
    }

    private List<StoredItem> persist(List<NewsItemEvent> todo, List<Analysis> analyses, List<Fingerprint> fingerprints,
            List<EventKey> keys, List<Instant> times, long t0) {
        long t1 = System.nanoTime();
        boolean events = config.stories().events();
        StoryIndex index = new StoryIndex(config.stories().threshold(), config.stories().duplicateThreshold(),
                events ? storyMatcher : null);
        Map<UUID, Boolean> storySignalled = loadCandidates(fingerprints, events ? keys : List.of(), times, index);
        long t2 = System.nanoTime();

        Instant now = Instant.now();
        List<NewsItem> items = new ArrayList<>();
        List<Story> newStories = new ArrayList<>();
        Map<UUID, Story> newStoriesById = new HashMap<>();
        List<StoryBand> bands = new ArrayList<>();
        List<StoryAnchor> anchors = new ArrayList<>();
        List<ItemTopic> topics = new ArrayList<>();
        List<ItemEntity> entities = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        Set<UUID> storiesNowSignalled = new HashSet<>();
        List<StoredItem> stored = new ArrayList<>();

        for (int i = 0; i < todo.size(); i++) {
            NewsItemEvent event = todo.get(i);
            Analysis analysis = analyses.get(i);
            Fingerprint fingerprint = fingerprints.get(i);
            NewsItem item = AnalysisMapper.toItem(event, now);
            item.textHash = fingerprint.textHash();
            item.minhash = fingerprint.comparable() ? fingerprint.minhashBytes() : null;
            EventKey key = keys.get(i);
            item.eventKey = key.encode();

            StoryIndex.Placement placement = index.place(item.id, fingerprint, key);
            item.storyId = placement.storyId();
            item.duplicateOf = placement.duplicateOf();
            if (placement.newStory()) {
                Story story = new Story();
                story.id = item.storyId;
                story.firstItemId = item.id;
                story.createdAt = now;
                newStories.add(story);
                newStoriesById.put(story.id, story);
                storySignalled.put(story.id, false);
            }
            index.add(new StoryIndex.Known(item.id, item.storyId, item.duplicateOf, fingerprint, key));
            if (item.duplicateOf == null && fingerprint.comparable()) {
                for (long band : fingerprint.bands()) {
                    bands.add(StoryBand.of(band, item.id));
                }
            }
            if (item.duplicateOf == null) {
                for (String anchor : heaviestAnchors(key)) {
                    anchors.add(StoryAnchor.of(anchor, item.sortAt, item.id));
                }
            }
            items.add(item);
            topics.addAll(AnalysisMapper.toTopics(item, analysis));
            entities.addAll(AnalysisMapper.toEntities(item, analysis));

            // Only the first signal of a story is published; later items of the story only join it.
            List<Signal> toPublish = new ArrayList<>();
            List<Analysis.SignalMatch> matches = analysis.signals().stream()
                    .sorted(Comparator.comparingDouble(Analysis.SignalMatch::score).reversed()).toList();
            for (Analysis.SignalMatch match : matches) {
                Signal signal = AnalysisMapper.toSignal(item, match, now);
                if (!storySignalled.getOrDefault(item.storyId, true)) {
                    signal.firstInStory = true;
                    storySignalled.put(item.storyId, true);
                    Story created = newStoriesById.get(item.storyId);
                    if (created != null) {
                        created.signalled = true;
                    } else {
                        storiesNowSignalled.add(item.storyId);
                    }
                    toPublish.add(signal);
                }
                signals.add(signal);
            }
            stored.add(new StoredItem(item, analysis, toPublish));
        }

        // Grouped by table so that Hibernate sends each as JDBC batches; items first for the foreign keys.
        NewsItem.persist(items);
        Story.persist(newStories);
        StoryBand.persist(bands);
        StoryAnchor.persist(anchors);
        ItemTopic.persist(topics);
        ItemEntity.persist(entities);
        Signal.persist(signals);
        storedItems.flush();
        long t3 = System.nanoTime();
        LOG.debugf("Stored %d items: analysis %d ms, story candidates %d ms, rows %d ms", todo.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        storedItems.markSignalled(storiesNowSignalled);
        return stored;
    }

    /**
     * Loads the stored items that share an LSH band or a text hash with the batch into the index, and
     * the items of the stories that hold an item of the batch's days sharing an event anchor with it;
     * answers whether each of their stories already published a signal.
     */
    private Map<UUID, Boolean> loadCandidates(List<Fingerprint> fingerprints, List<EventKey> keys, List<Instant> times,
            StoryIndex index) {
        Set<Long> bandSet = new HashSet<>();
        Set<Long> hashSet = new HashSet<>();
        for (Fingerprint f : fingerprints) {
            hashSet.add(f.textHash());
            if (f.comparable()) {
                for (long band : f.bands()) {
                    bandSet.add(band);
                }
            }
        }
        Map<UUID, Boolean> signalled = new HashMap<>();
        List<StoredItemRepository.StoryCandidate> candidates =
                new ArrayList<>(storedItems.storyCandidates(bandSet, hashSet, MAX_CANDIDATES));
        if (!keys.isEmpty()) {
            Set<String> features = new HashSet<>();
            Instant from = null;
            Instant to = null;
            for (int i = 0; i < keys.size(); i++) {
                features.addAll(heaviestAnchors(keys.get(i)));
                Instant at = times.get(i);
                from = from == null || at.isBefore(from) ? at : from;
                to = to == null || at.isAfter(to) ? at : to;
            }
            if (!features.isEmpty()) {
                candidates.addAll(storedItems.eventCandidates(features, from, to, config.stories().eventWindow(),
                        MAX_CANDIDATES));
            }
        }
        Set<UUID> seen = new HashSet<>();
        for (StoredItemRepository.StoryCandidate c : candidates) {
            signalled.put(c.storyId(), c.storySignalled());
            if (!seen.add(c.itemId())) {
                continue;
            }
            EventKey key = c.eventKey() == null ? null : EventKey.decode(c.published(), c.eventKey());
            index.add(new StoryIndex.Known(c.itemId(), c.storyId(), c.duplicateOf(),
                    Fingerprint.restore(c.textHash(), c.minhash()), key));
        }
        return signalled;
    }

    /** The anchors of a key that are indexed and looked up: the heaviest {@link #MAX_ANCHORS}. */
    private static List<String> heaviestAnchors(EventKey key) {
        Set<String> anchors = key.anchors();
        return key.features().entrySet().stream().filter(f -> anchors.contains(f.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_ANCHORS).map(Map.Entry::getKey).toList();
    }
}
