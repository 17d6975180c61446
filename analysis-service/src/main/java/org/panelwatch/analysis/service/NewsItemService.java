package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.hibernate.Session;
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
import org.panelwatch.common.event.NewsItemEvent;

/**
 * Stores a batch of incoming items in one transaction (tagging runs before it): tags, entities, signals and their story.
 * Items already stored are skipped, so a redelivered record changes nothing. The database is asked
 * a few times per batch (which ids exist, which stored items share a band or a text hash with the batch,
 * which stored items of the same days share an event anchor with it), never once per item.
 */
@ApplicationScoped
public class NewsItemService {

    private static final int MAX_CANDIDATES = 20_000;
    /** Anchors indexed per item, the heaviest first: a long article states dozens of numbers. */
    private static final int MAX_ANCHORS = 40;
    private static final int TRANSACTION_TIMEOUT_SECONDS = 300;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(NewsItemService.class);

    private final BatchTagger tagger;
    private final EntityManager em;
    private final AnalysisConfig config;
    private final RecentAnswers recentAnswers;
    private final EventKeys eventKeys;
    private final StoryMatcher storyMatcher;

    public NewsItemService(BatchTagger tagger, EntityManager em, AnalysisConfig config, RecentAnswers recentAnswers,
            EventKeys eventKeys, StoryMatcher storyMatcher) {
        this.tagger = tagger;
        this.em = em;
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
        QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select i.id from NewsItem i where i.id in :ids", UUID.class)
                .setParameter("ids", fresh.keySet())
                .getResultList())
                .forEach(fresh::remove);
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
        em.flush();
        long t3 = System.nanoTime();
        LOG.debugf("Stored %d items: analysis %d ms, story candidates %d ms, rows %d ms", todo.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        if (!storiesNowSignalled.isEmpty()) {
            em.createQuery("update Story s set s.signalled = true where s.id in :ids")
                    .setParameter("ids", storiesNowSignalled).executeUpdate();
        }
        return stored;
    }

    /**
     * Loads the stored items that share an LSH band or a text hash with the batch into the index,
     * and answers whether each of their stories already published a signal.
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
        Set<UUID> seen = new HashSet<>();
        em.unwrap(Session.class).doWork(connection -> {
            // A lookup of a few hundred keys must walk the indexes whatever the planner believes. Without
            // fresh statistics (a new table, or a server with autovacuum off, as on our CI machines) it
            // estimated every band value to match thousands of rows and scanned a million items per
            // batch: about 1 s per batch instead of about 0.1 s. SET LOCAL ends with the transaction.
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; "
                        + "SET LOCAL enable_mergejoin = off");
            }
            try (PreparedStatement st = connection.prepareStatement("""
                    SELECT i.id, i.story_id, i.duplicate_of, i.text_hash, i.minhash, s.signalled, i.event_key, i.published
                    FROM analysis.item i JOIN analysis.story s ON s.id = i.story_id
                    WHERE i.id IN (SELECT b.item_id FROM analysis.story_band b WHERE b.band_hash = ANY (?)
                                   UNION SELECT h.id FROM analysis.item h WHERE h.text_hash = ANY (?))
                    ORDER BY i.sort_at, i.id
                    LIMIT ?""")) {
                st.setArray(1, longArray(connection, bandSet));
                st.setArray(2, longArray(connection, hashSet));
                st.setInt(3, MAX_CANDIDATES);
                readKnown(st, index, signalled, seen);
            }
            if (keys.isEmpty()) {
                return;
            }
            // The same event in other words: the stored items of the stories that, in the batch's days
            // (give or take the window), hold an item sharing an anchor with the batch. Walks
            // story_anchor's (feature, sort_at) primary key first (MATERIALIZED: whatever the statistics say),
            // then item_story_idx for those stories' items.
            Set<String> features = new HashSet<>();
            Instant from = null;
            Instant to = null;
            for (int i = 0; i < keys.size(); i++) {
                features.addAll(heaviestAnchors(keys.get(i)));
                Instant at = times.get(i);
                from = from == null || at.isBefore(from) ? at : from;
                to = to == null || at.isAfter(to) ? at : to;
            }
            if (features.isEmpty()) {
                return;
            }
            java.time.Duration window = config.stories().eventWindow();
            try (PreparedStatement st = connection.prepareStatement("""
                    WITH hit AS MATERIALIZED (
                        SELECT DISTINCT c.story_id FROM analysis.story_anchor a
                        JOIN analysis.item c ON c.id = a.item_id
                        WHERE a.feature = ANY (?) AND a.sort_at BETWEEN ? AND ?)
                    SELECT i.id, i.story_id, i.duplicate_of, i.text_hash, i.minhash, s.signalled, i.event_key, i.published
                    FROM hit h JOIN analysis.item i ON i.story_id = h.story_id JOIN analysis.story s ON s.id = i.story_id
                    WHERE i.sort_at BETWEEN ? AND ? AND i.event_key IS NOT NULL AND i.duplicate_of IS NULL
                    ORDER BY i.sort_at, i.id
                    LIMIT ?""")) {
                st.setArray(1, connection.createArrayOf("text", features.toArray(String[]::new)));
                st.setObject(2, from.minus(window).atOffset(java.time.ZoneOffset.UTC));
                st.setObject(3, to.plus(window).atOffset(java.time.ZoneOffset.UTC));
                // members of those stories a little further out count too: a story joins on half its members
                st.setObject(4, from.minus(window.multipliedBy(2)).atOffset(java.time.ZoneOffset.UTC));
                st.setObject(5, to.plus(window.multipliedBy(2)).atOffset(java.time.ZoneOffset.UTC));
                st.setInt(6, MAX_CANDIDATES);
                readKnown(st, index, signalled, seen);
            }
        });
        return signalled;
    }

    private static void readKnown(PreparedStatement st, StoryIndex index, Map<UUID, Boolean> signalled, Set<UUID> seen)
            throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                UUID storyId = rs.getObject(2, UUID.class);
                signalled.put(storyId, rs.getBoolean(6));
                if (!seen.add(id)) {
                    continue;
                }
                String encoded = rs.getString(7);
                java.time.OffsetDateTime published = rs.getObject(8, java.time.OffsetDateTime.class);
                EventKey key = encoded == null ? null
                        : EventKey.decode(published == null ? null : published.toInstant(), encoded);
                index.add(new StoryIndex.Known(id, storyId, rs.getObject(3, UUID.class),
                        Fingerprint.restore(rs.getLong(4), rs.getBytes(5)), key));
            }
        }
    }

    /** The anchors of a key that are indexed and looked up: the heaviest {@link #MAX_ANCHORS}. */
    private static List<String> heaviestAnchors(EventKey key) {
        Set<String> anchors = key.anchors();
        return key.features().entrySet().stream().filter(f -> anchors.contains(f.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_ANCHORS).map(Map.Entry::getKey).toList();
    }

    private static Array longArray(Connection connection, Set<Long> values) throws java.sql.SQLException {
        return connection.createArrayOf("bigint", values.toArray(Long[]::new));
    }
}
