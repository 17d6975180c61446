package org.panelwatch.alert.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository {

    private final AgroalDataSource dataSource;

    public AlertRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the signal ids not seen before and answers them: the consumer's idempotency check, one round trip
     * for a whole batch.
     */
    public Set<String> claimNewSignals(Collection<String> signalIds) {
        String sql = "INSERT INTO processed_signal (signal_id) SELECT DISTINCT unnest(?::text[]) "
                + "ON CONFLICT DO NOTHING RETURNING signal_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("text", signalIds.toArray()));
            Set<String> fresh = new java.util.HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record processed signals", e);
        }
    }

    /**
     * Inserts in one statement; an alert for a story the subscription already has is skipped (not returned).
     *
     * <p>Alert ids become visible in the order they are given, whatever the number of instances: the insert
     * first takes a transaction-level advisory lock, held until the intake's transaction ends, so no
     * transaction takes an alert id while another that took a lower one is still open. Readers that go
     * forward by id (the live streams' shared poll, {@code Last-Event-ID}, the list's cursor) therefore never
     * pass over an alert that commits late. Without it, instance A's alert 100 committing after instance B's
     * alert 101 was read would be skipped by every stream. The lock covers only the tail of the intake's
     * transaction (alerts, their deliveries, the commit); matching is done before it.
     */
    public List<Alert> insertAll(List<NewAlert> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        takeAlertIdLock();
        String sql = "INSERT INTO alert (subscription_id, subscriber_id, signal_id, story_key, payload) "
                + "SELECT a, b, c, d, e::jsonb FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[]) AS t(a, b, c, d, e) "
                + "ON CONFLICT (subscription_id, story_key) DO NOTHING "
                + "RETURNING id, subscription_id, subscriber_id, signal_id, story_key, payload::text, created_at";
        int n = alerts.size();
        Object[] subs = new Object[n];
        Object[] subscribers = new Object[n];
        Object[] signals = new Object[n];
        Object[] stories = new Object[n];
        Object[] payloads = new Object[n];
        for (int i = 0; i < n; i++) {
            NewAlert a = alerts.get(i);
            subs[i] = a.subscriptionId();
            subscribers[i] = a.subscriberId();
            signals[i] = a.signalId();
            stories[i] = a.storyKey();
            payloads[i] = a.payload();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("uuid", subs));
            st.setArray(2, c.createArrayOf("uuid", subscribers));
            st.setArray(3, c.createArrayOf("text", signals));
            st.setArray(4, c.createArrayOf("text", stories));
            st.setArray(5, c.createArrayOf("text", payloads));
            List<Alert> out = new ArrayList<>(n);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store alerts", e);
        }
    }

    /** The key of the advisory lock that orders alert ids (any constant no other code of this schema uses). */
    static final long ALERT_ID_LOCK = 0x616c657274_4964L;

    private void takeAlertIdLock() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            st.setLong(1, ALERT_ID_LOCK);
            st.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the alert id lock", e);
        }
    }

    /**
     * Alerts of a subscriber (every subscriber's when {@code subscriberId} is null), oldest first, after an
     * alert id and/or since a time.
     */
    public List<Alert> list(UUID subscriberId, long afterId, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, subscription_id, subscriber_id, signal_id, story_key, payload::text, "
                + "created_at FROM alert WHERE id > ?");
        List<Object> params = new ArrayList<>();
        params.add(afterId);
        if (subscriberId != null) {
            sql.append(" AND subscriber_id = ?");
            params.add(subscriberId);
        }
        if (since != null) {
            sql.append(" AND created_at >= ?");
            params.add(Timestamp.from(since));
        }
        sql.append(" ORDER BY id LIMIT ").append(limit);
        return query(sql.toString(), params.toArray());
    }

    /**
     * Alerts after {@code afterId} of the given subscribers (every subscriber's when null), oldest first, in one
     * statement for all of them. The newest alert id is read in the same statement (same snapshot), so the
     * answer also says how far it reached when it was not cut off by the limit: the next look need not read
     * other subscribers' alerts again.
     */
    public NewAlerts newAlerts(long afterId, Collection<UUID> subscriberIds, int limit) {
        String sql = "SELECT newest.id, a.id, a.subscription_id, a.subscriber_id, a.signal_id, a.story_key, a.payload::text, "
                + "a.created_at FROM (SELECT COALESCE(max(id), 0) AS id FROM alert) newest "
                + "LEFT JOIN LATERAL (SELECT * FROM alert WHERE id > ? AND id <= newest.id"
                + (subscriberIds == null ? "" : " AND subscriber_id = ANY(?)")
                + " ORDER BY id LIMIT ?) a ON true ORDER BY a.id";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setLong(i++, afterId);
            if (subscriberIds != null) {
                st.setArray(i++, c.createArrayOf("uuid", subscriberIds.toArray()));
            }
            st.setInt(i, limit);
            long newest = afterId;
            List<Alert> found = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    newest = Math.max(newest, rs.getLong(1));
                    rs.getLong(2);
                    if (!rs.wasNull()) {
                        found.add(new Alert(rs.getLong(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                    }
                }
            }
            long seenUpTo = found.size() == limit ? found.get(found.size() - 1).id() : newest;
            return new NewAlerts(found, seenUpTo);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read new alerts", e);
        }
    }

    public List<Alert> undigested(UUID subscriptionId) {
        return query("SELECT id, subscription_id, subscriber_id, signal_id, story_key, payload::text, created_at FROM alert "
                + "WHERE subscription_id = ? AND digested_at IS NULL ORDER BY id", subscriptionId);
    }

    public void markDigested(List<Long> ids, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE alert SET digested_at = ? WHERE id = ANY(?)")) {
            st.setTimestamp(1, Timestamp.from(at));
            st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark alerts digested", e);
        }
    }

    /** The newest alert id visible to a subscriber (every subscriber when null), 0 when there is none. */
    public long latestId(UUID subscriberId) {
        String sql = subscriberId == null ? "SELECT COALESCE(max(id), 0) FROM alert"
                : "SELECT COALESCE(max(id), 0) FROM alert WHERE subscriber_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (subscriberId != null) {
                st.setObject(1, subscriberId);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read alerts", e);
        }
    }

    public int forgetProcessedSignalsBefore(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM processed_signal WHERE processed_at < ?")) {
            st.setTimestamp(1, Timestamp.from(before));
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not forget processed signals", e);
        }
    }

    private List<Alert> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read alerts", e);
        }
    }

    private static Alert read(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
