package org.panelwatch.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class FeedRepository implements PanacheRepositoryBase<Feed, UUID> {

    /**
     * Takes up to {@code limit} due feeds by pushing their next poll a lease ahead, in one statement;
     * SKIP LOCKED lets several instances poll the same database without taking a feed twice.
     */
    private static final String CLAIM_DUE = """
            UPDATE ingest.feed SET next_poll_at = now() + make_interval(secs => ?)
            WHERE id IN (SELECT id FROM ingest.feed WHERE enabled AND next_poll_at <= now()
                         ORDER BY next_poll_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private final DataSource dataSource;

    public FeedRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean existsByUrl(String url) {
        return count("url", url) > 0;
    }

    public List<Feed> listByCreation() {
        return listAll(Sort.by("createdAt").and("id"));
    }

    public List<Feed> listOfSources() {
        return list("sourceId is not null", Sort.by("sourceId").and("url"));
    }

    /** Records one poll for the health view, and forgets this feed's polls older than 30 days. */
    public void recordPoll(UUID feedId, String status, int newItems) {
        getEntityManager().createNativeQuery(
                "INSERT INTO ingest.feed_poll (feed_id, status, new_items) VALUES (?1, ?2, ?3)")
                .setParameter(1, feedId).setParameter(2, status).setParameter(3, newItems)
                .executeUpdate();
        getEntityManager().createNativeQuery(
                "DELETE FROM ingest.feed_poll WHERE feed_id = ?1 AND polled_at < now() - interval '30 days'")
                .setParameter(1, feedId)
                .executeUpdate();
    }

    /** New items each feed brought since the instant, by feed id (feeds without polls are absent). */
    public Map<UUID, Long> newItemsSince(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                "SELECT feed_id, sum(new_items) FROM ingest.feed_poll WHERE polled_at >= ?1 GROUP BY feed_id")
                .setParameter(1, since)
                .getResultList();
        Map<UUID, Long> items = new HashMap<>();
        for (Object[] row : rows) {
            items.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return items;
    }

    public List<UUID> claimDue(int limit, Duration lease) {
        List<UUID> ids = new ArrayList<>();
        if (limit <= 0) {
            return ids;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM_DUE)) {
            statement.setDouble(1, lease.toSeconds());
            statement.setInt(2, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim due feeds", e);
        }
        return ids;
    }
}
