package org.panelwatch.analysis.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The item service's queries: which items are stored already, the stored items a batch may join as a
 * story (by text or by event), and stories marked as having published their signal. Runs in the caller's transaction.
 */
@ApplicationScoped
public class StoredItemRepository {

    /**
     * A stored item that shares an LSH band, a text hash or an event anchor with the batch, with whether
     * its story published a signal; {@code eventKey} (EventKey.encode()) null for items stored before
     * event keys, {@code published} null when the item had no publication date.
     */
    public record StoryCandidate(UUID itemId, UUID storyId, UUID duplicateOf, long textHash, byte[] minhash,
            boolean storySignalled, String eventKey, java.time.Instant published) {
    }

    private final EntityManager em;

    public StoredItemRepository(EntityManager em) {
        this.em = em;
    }

    /** Those of {@code ids} that are stored already. */
    public List<UUID> storedIds(Collection<UUID> ids) {
        return em.createQuery("select i.id from NewsItem i where i.id in :ids", UUID.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /**
     * The stored items (at most {@code limit}, oldest first) that share one of {@code bands} or
     * {@code textHashes}.
     */
    public List<StoryCandidate> storyCandidates(Set<Long> bands, Set<Long> textHashes, int limit) {
        List<StoryCandidate> candidates = new ArrayList<>();
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
                st.setArray(1, longArray(connection, bands));
                st.setArray(2, longArray(connection, textHashes));
                st.setInt(3, limit);
                read(st, candidates);
            }
        });
        return candidates;
    }

    /**
     * The same event in other words: the items (at most {@code limit}, oldest first) of the stories that
     * hold an item sharing one of {@code anchors} and sorted within {@code window} of [{@code from},
     * {@code to}]; of those stories, the items sorted within twice the window (a story joins on half its
     * items). Walks story_anchor's (feature, sort_at) primary key first (MATERIALIZED: whatever the
     * statistics say), then item_story_idx for those stories' items.
     */
    public List<StoryCandidate> eventCandidates(Set<String> anchors, java.time.Instant from, java.time.Instant to,
            java.time.Duration window, int limit) {
        List<StoryCandidate> candidates = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; "
                        + "SET LOCAL enable_mergejoin = off");
            }
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
                st.setArray(1, connection.createArrayOf("text", anchors.toArray(String[]::new)));
                st.setObject(2, from.minus(window).atOffset(java.time.ZoneOffset.UTC));
                st.setObject(3, to.plus(window).atOffset(java.time.ZoneOffset.UTC));
                st.setObject(4, from.minus(window.multipliedBy(2)).atOffset(java.time.ZoneOffset.UTC));
                st.setObject(5, to.plus(window.multipliedBy(2)).atOffset(java.time.ZoneOffset.UTC));
                st.setInt(6, limit);
                read(st, candidates);
            }
        });
        return candidates;
    }

    private static void read(PreparedStatement st, List<StoryCandidate> candidates) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                java.time.OffsetDateTime published = rs.getObject(8, java.time.OffsetDateTime.class);
                candidates.add(new StoryCandidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getLong(4), rs.getBytes(5), rs.getBoolean(6), rs.getString(7),
                        published == null ? null : published.toInstant()));
            }
        }
    }

    /** Sends the rows persisted so far, so that a refused row fails here, inside the batch's transaction. */
    public void flush() {
        em.flush();
    }

    /** Marks stories stored before this batch as having published their first signal. */
    public void markSignalled(Set<UUID> storyIds) {
        if (!storyIds.isEmpty()) {
            em.createQuery("update Story s set s.signalled = true where s.id in :ids")
                    .setParameter("ids", storyIds).executeUpdate();
        }
    }

    private static Array longArray(Connection connection, Set<Long> values) throws java.sql.SQLException {
        return connection.createArrayOf("bigint", values.toArray(Long[]::new));
    }
}
