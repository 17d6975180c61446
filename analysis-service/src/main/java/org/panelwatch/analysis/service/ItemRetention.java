package org.panelwatch.analysis.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.config.AnalysisConfig;

/**
 * The retention setting ({@code panelwatch.analysis.retention.max-age}, off by default): items both
 * published (else received) and received before the limit are removed with their dependent rows
 * (topics, entities, signals, feedback) and their stories once no item is left in them. Their LSH bands
 * have gone with the story window already, or go at the next band prune; a later item's duplicateOf may
 * still name a removed item. In batches that lock their items and skip those another instance holds,
 * so several instances may run it at once.
 */
@ApplicationScoped
public class ItemRetention {

    private static final Logger LOG = Logger.getLogger(ItemRetention.class);

    private final EntityManager em;
    private final AnalysisConfig config;
    private final RecentAnswers recentAnswers;

    public ItemRetention(EntityManager em, AnalysisConfig config, RecentAnswers recentAnswers) {
        this.em = em;
        this.config = config;
        this.recentAnswers = recentAnswers;
    }

    @Scheduled(every = "${panelwatch.analysis.retention.every}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        config.retention().maxAge().ifPresent(age -> remove(Instant.now().minus(age)));
    }

    /** Removes the items published (else received) and received before {@code before}; how many. */
    public long remove(Instant before) {
        int batch = config.retention().batchSize();
        long total = 0;
        int removed;
        do {
            removed = QuarkusTransaction.requiringNew().call(() -> removeBatch(before, batch));
            total += removed;
        } while (removed == batch);
        if (total > 0) {
            recentAnswers.stored();
            LOG.infof("Retention: %d items from before %s removed", total, before);
        }
        return total;
    }

    private int removeBatch(Instant before, int batch) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            List<UUID> ids = new ArrayList<>();
            Set<UUID> stories = new HashSet<>();
            // item_sort_idx walks the oldest first; received time filters backfilled old news still fresh here.
            try (var st = c.prepareStatement("SELECT id, story_id FROM analysis.item WHERE sort_at < ? AND ingested_at < ? "
                    + "ORDER BY sort_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
                st.setObject(1, before.atOffset(java.time.ZoneOffset.UTC));
                st.setObject(2, before.atOffset(java.time.ZoneOffset.UTC));
                st.setInt(3, batch);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                        UUID story = rs.getObject(2, UUID.class);
                        if (story != null) {
                            stories.add(story);
                        }
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            java.sql.Array idArray = c.createArrayOf("uuid", ids.toArray());
            for (String table : List.of("item_topic", "item_entity", "signal", "feedback")) {
                try (var st = c.prepareStatement("DELETE FROM analysis." + table + " WHERE item_id = ANY (?)")) {
                    st.setArray(1, idArray);
                    st.executeUpdate();
                }
            }
            try (var st = c.prepareStatement("DELETE FROM analysis.item WHERE id = ANY (?)")) {
                st.setArray(1, idArray);
                st.executeUpdate();
            }
            try (var st = c.prepareStatement("DELETE FROM analysis.story s WHERE s.id = ANY (?) "
                    + "AND NOT EXISTS (SELECT 1 FROM analysis.item i WHERE i.story_id = s.id)")) {
                st.setArray(1, c.createArrayOf("uuid", stories.toArray()));
                st.executeUpdate();
            }
            return ids.size();
        });
    }
}
