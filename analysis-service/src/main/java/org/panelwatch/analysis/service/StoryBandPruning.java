package org.panelwatch.analysis.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.config.AnalysisConfig;

/**
 * Removes the LSH bands of items stored longer ago than the story window, so that story_band holds the
 * window's items rather than one row per band of every item ever stored. In small transactions that
 * skip rows another instance is deleting at the same moment, so any number of instances may prune at
 * once; a band past the window only ever goes, so a prune repeated or interrupted is harmless.
 */
@ApplicationScoped
public class StoryBandPruning {

    private static final Logger LOG = Logger.getLogger(StoryBandPruning.class);
    private static final int BATCH = 10_000;

    private final EntityManager em;
    private final AnalysisConfig config;

    public StoryBandPruning(EntityManager em, AnalysisConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "${panelwatch.analysis.stories.prune-every}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune(Instant.now().minus(config.stories().window()));
    }

    /** Deletes the bands created before {@code before}; the number deleted by this call. */
    public long prune(Instant before) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    DELETE FROM analysis.story_band WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM analysis.story_band WHERE created_at < ?1 LIMIT ?2 FOR UPDATE SKIP LOCKED))""")
                    .setParameter(1, before)
                    .setParameter(2, BATCH)
                    .executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Story bands created before %s pruned: %d", before, total);
        }
        return total;
    }
}
