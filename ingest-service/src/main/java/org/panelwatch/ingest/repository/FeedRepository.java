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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class FeedRepository implements PanacheRepositoryBase<Feed, UUID> {

    /**
     * Leases up to {@code limit} due feeds that no live lease holds to one instance, in one statement;
     * SKIP LOCKED lets several instances claim at once without waiting for, or taking, each other's rows.
     */
    private static final String CLAIM_DUE = """
            UPDATE ingest.feed SET leased_by = ?, leased_until = now() + make_interval(secs => ?)
            WHERE id IN (SELECT id FROM ingest.feed
                         WHERE enabled AND next_poll_at <= now() AND (leased_until IS NULL OR leased_until < now())
                         ORDER BY next_poll_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    /** The lease of one feed for one instance, unless another's lease on it still runs (re-entrant for the holder). */
    private static final String LEASE = """
            UPDATE ingest.feed SET leased_by = ?, leased_until = now() + make_interval(secs => ?)
            WHERE id = ? AND (leased_until IS NULL OR leased_until < now() OR leased_by = ?)
            RETURNING id""";

    private static final String RENEW = """
            UPDATE ingest.feed SET leased_until = now() + make_interval(secs => ?)
            WHERE leased_by = ? AND id = ANY (?)""";

    private static final String RELEASE = "UPDATE ingest.feed SET leased_by = NULL, leased_until = NULL WHERE id = ? AND leased_by = ?";

    /** What {@link #lease} found. */
    public enum Lease { TAKEN, HELD_ELSEWHERE, NO_FEED }

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

    /** Leases up to {@code limit} due, unleased feeds to {@code owner}; their ids. */
    public List<UUID> claimDue(String owner, int limit, Duration lease) {
        List<UUID> ids = new ArrayList<>();
        if (limit <= 0) {
            return ids;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM_DUE)) {
            statement.setString(1, owner);
            statement.setDouble(2, lease.toMillis() / 1000.0);
            statement.setInt(3, limit);
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

    /** Leases one feed to {@code owner} (a manual poll, or a claimed feed's poll), whether due or not. */
    public Lease lease(UUID id, String owner, Duration lease) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LEASE)) {
            statement.setString(1, owner);
            statement.setDouble(2, lease.toMillis() / 1000.0);
            statement.setObject(3, id);
            statement.setString(4, owner);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    return Lease.TAKEN;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lease feed " + id, e);
        }
        return findByIdOptional(id).isPresent() ? Lease.HELD_ELSEWHERE : Lease.NO_FEED;
    }

    /** Extends {@code owner}'s leases of the feeds it is still polling. */
    public void renew(String owner, Collection<UUID> ids, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RENEW)) {
            statement.setDouble(1, lease.toMillis() / 1000.0);
            statement.setString(2, owner);
            statement.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not renew feed leases", e);
        }
    }

    /** Gives the feed back once its poll is recorded (in the caller's transaction); another holder's lease stays. */
    public void release(UUID id, String owner) {
        getEntityManager().createNativeQuery(RELEASE).setParameter(1, id).setParameter(2, owner).executeUpdate();
    }
}
