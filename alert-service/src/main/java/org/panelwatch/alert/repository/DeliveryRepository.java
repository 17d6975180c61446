package org.panelwatch.alert.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository {

    private final AgroalDataSource dataSource;

    public DeliveryRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insertAll(List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO delivery (id, subscription_id, subscriber_id, alert_id, kind, status, payload, next_attempt_at) "
                + "SELECT a, b, c, d, e, 'pending', f::jsonb, g FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::bigint[], ?::text[], "
                + "?::text[], ?::timestamptz[]) AS t(a, b, c, d, e, f, g)";
        int n = deliveries.size();
        Object[][] cols = new Object[7][n];
        for (int i = 0; i < n; i++) {
            NewDelivery d = deliveries.get(i);
            cols[0][i] = d.id();
            cols[1][i] = d.subscriptionId();
            cols[2][i] = d.subscriberId();
            cols[3][i] = d.alertId();
            cols[4][i] = d.kind();
            cols[5][i] = d.payload();
            cols[6][i] = Timestamp.from(d.nextAttemptAt());
        }
        String[] types = {"text", "uuid", "uuid", "bigint", "text", "text", "timestamptz"};
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < types.length; i++) {
                st.setArray(i + 1, c.createArrayOf(types[i], cols[i]));
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store deliveries", e);
        }
    }

    /**
     * Leases up to {@code limit} due deliveries to the caller. {@code FOR UPDATE SKIP LOCKED} lets several
     * instances claim at once without waiting on or taking each other's rows; the lease (rather than a lock held
     * while sending) keeps database connections free during slow HTTP calls and hands the work to another
     * instance if this one dies.
     */
    public List<ClaimedDelivery> claimDue(int limit, Duration lease) {
        String sql = "WITH due AS (SELECT id FROM delivery WHERE status = 'pending' AND next_attempt_at <= now() "
                + "AND (leased_until IS NULL OR leased_until < now()) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                + "UPDATE delivery d SET leased_until = now() + make_interval(secs => ?) FROM due, subscription s "
                + "WHERE d.id = due.id AND s.id = d.subscription_id "
                + "RETURNING d.id, d.subscription_id, d.kind, d.payload::text, d.attempts, d.created_at, s.channel_type, "
                + "s.channel_target, s.secret, CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END, "
                + "s.active, s.name";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setInt(1, limit);
            st.setDouble(2, lease.toMillis() / 1000.0);
            List<ClaimedDelivery> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClaimedDelivery(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getBoolean(11), rs.getString(12)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim deliveries", e);
        }
    }

    /** Records attempts and moves the deliveries on, in two batched statements. */
    public void recordOutcomes(List<AttemptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        String attemptSql = "INSERT INTO delivery_attempt (delivery_id, attempted_at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?)";
        String deliverySql = "UPDATE delivery SET attempts = attempts + ?, status = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
                + "last_status_code = COALESCE(?, last_status_code), last_error = COALESCE(?, last_error), leased_until = NULL, "
                + "finished_at = CASE WHEN ? = 'pending' THEN NULL ELSE now() END WHERE id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement attempts = c.prepareStatement(attemptSql);
                PreparedStatement deliveries = c.prepareStatement(deliverySql)) {
            for (AttemptOutcome o : outcomes) {
                DeliveryAttempt a = o.attempt();
                if (a != null) {
                    attempts.setString(1, o.deliveryId());
                    attempts.setTimestamp(2, Timestamp.from(a.attemptedAt()));
                    setInteger(attempts, 3, a.statusCode());
                    attempts.setString(4, a.error());
                    attempts.setInt(5, (int) Math.min(Integer.MAX_VALUE, a.durationMs()));
                    attempts.addBatch();
                }
                deliveries.setInt(1, a == null ? 0 : 1);
                deliveries.setString(2, o.newStatus());
                deliveries.setTimestamp(3, o.nextAttemptAt() == null ? null : Timestamp.from(o.nextAttemptAt()));
                setInteger(deliveries, 4, a == null ? null : a.statusCode());
                deliveries.setString(5, a == null ? "subscription is disabled" : a.error());
                deliveries.setString(6, o.newStatus());
                deliveries.setString(7, o.deliveryId());
                deliveries.addBatch();
            }
            attempts.executeBatch();
            deliveries.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record delivery attempts", e);
        }
    }

    /** Fails what is still pending for a subscription that was disabled. */
    public int failPending(UUID subscriptionId, String reason) {
        String sql = "UPDATE delivery SET status = 'failed', last_error = ?, finished_at = now(), leased_until = NULL "
                + "WHERE subscription_id = ? AND status = 'pending'";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, reason);
            st.setObject(2, subscriptionId);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not fail deliveries", e);
        }
    }

    /** Deliveries, newest first; {@code subscriberId} null lists every subscriber's (admin). */
    public List<Delivery> list(UUID subscriberId, UUID subscriptionId, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, subscription_id, alert_id, kind, status, attempts, next_attempt_at, "
                + "last_status_code, last_error, created_at, finished_at FROM delivery WHERE true");
        List<Object> params = new ArrayList<>();
        if (subscriberId != null) {
            sql.append(" AND subscriber_id = ?");
            params.add(subscriberId);
        }
        if (subscriptionId != null) {
            sql.append(" AND subscription_id = ?");
            params.add(subscriptionId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ").append(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getTimestamp(7), rs.getObject(8), rs.getString(9),
                            rs.getTimestamp(10), rs.getTimestamp(11)});
                }
            }
            Map<String, List<DeliveryAttempt>> attempts = attemptsOf(c, rows.stream().map(r -> (String) r[0]).toList());
            List<Delivery> out = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                out.add(new Delivery((String) r[0], (UUID) r[1], r[2] == null ? null : ((Number) r[2]).longValue(),
                        (String) r[3], (String) r[4], (Integer) r[5], instant(r[6]),
                        r[7] == null ? null : ((Number) r[7]).intValue(), (String) r[8], instant(r[9]), instant(r[10]),
                        attempts.getOrDefault((String) r[0], List.of())));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read deliveries", e);
        }
    }

    private static Map<String, List<DeliveryAttempt>> attemptsOf(Connection c, List<String> ids) throws SQLException {
        Map<String, List<DeliveryAttempt>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT delivery_id, attempted_at, status_code, error, duration_ms "
                + "FROM delivery_attempt WHERE delivery_id = ANY(?) ORDER BY id")) {
            st.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object code = rs.getObject(3);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new DeliveryAttempt(
                            rs.getTimestamp(2).toInstant(), code == null ? null : ((Number) code).intValue(),
                            rs.getString(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }

    private static Instant instant(Object ts) {
        return ts == null ? null : ((Timestamp) ts).toInstant();
    }

    private static void setInteger(PreparedStatement st, int index, Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }
}
