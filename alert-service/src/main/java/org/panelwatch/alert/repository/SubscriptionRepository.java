package org.panelwatch.alert.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository {

    private static final String COLUMNS = "id, subscriber_id, name, channel_type, channel_target, secret, filter, mode, "
            + "active, disabled_reason, failing_since, digest_due_at, created_at, updated_at";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public SubscriptionRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public void insert(Subscription s) {
        String sql = "INSERT INTO subscription (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, s.id());
            st.setObject(2, s.subscriberId());
            st.setString(3, s.name());
            st.setString(4, s.channelType());
            st.setString(5, s.channelTarget());
            st.setString(6, s.secret());
            st.setString(7, json(s.filter()));
            st.setString(8, s.mode());
            st.setBoolean(9, s.active());
            st.setString(10, s.disabledReason());
            st.setTimestamp(11, ts(s.failingSince()));
            st.setTimestamp(12, ts(s.digestDueAt()));
            st.setTimestamp(13, ts(s.createdAt()));
            st.setTimestamp(14, ts(s.updatedAt()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store subscription", e);
        }
    }

    /** Replaces what a PUT may change; the secret and the digest schedule are kept unless given. */
    public void update(Subscription s) {
        String sql = "UPDATE subscription SET name = ?, channel_type = ?, channel_target = ?, secret = ?, filter = ?::jsonb, "
                + "mode = ?, active = ?, disabled_reason = ?, failing_since = ?, digest_due_at = ?, updated_at = now() WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, s.name());
            st.setString(2, s.channelType());
            st.setString(3, s.channelTarget());
            st.setString(4, s.secret());
            st.setString(5, json(s.filter()));
            st.setString(6, s.mode());
            st.setBoolean(7, s.active());
            st.setString(8, s.disabledReason());
            st.setTimestamp(9, ts(s.failingSince()));
            st.setTimestamp(10, ts(s.digestDueAt()));
            st.setObject(11, s.id());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update subscription", e);
        }
    }

    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM subscription WHERE id = ?")) {
            st.setObject(1, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete subscription", e);
        }
    }

    /**
     * The new secret signs from now on; the one it replaces keeps signing beside it until {@code previousUntil}.
     * A rotation during an overlap drops the secret before the replaced one: two secrets sign at most.
     */
    public boolean rotateSecret(UUID id, String newSecret, Instant previousUntil) {
        String sql = "UPDATE subscription SET previous_secret = secret, previous_secret_until = ?, secret = ?, "
                + "updated_at = now() WHERE id = ? AND secret IS NOT NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setTimestamp(1, ts(previousUntil));
            st.setString(2, newSecret);
            st.setObject(3, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not rotate the webhook secret", e);
        }
    }

    /** The secret the last rotation replaced, while it still signs. */
    public Optional<String> previousSecret(UUID id) {
        String sql = "SELECT previous_secret FROM subscription WHERE id = ? AND previous_secret_until > now()";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the previous webhook secret", e);
        }
    }

    public Optional<Subscription> find(UUID id) {
        List<Subscription> found = query("SELECT " + COLUMNS + " FROM subscription WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** All subscriptions of a subscriber, or every subscription when {@code subscriberId} is null (admin). */
    public List<Subscription> list(UUID subscriberId) {
        return subscriberId == null
                ? query("SELECT " + COLUMNS + " FROM subscription ORDER BY created_at, id")
                : query("SELECT " + COLUMNS + " FROM subscription WHERE subscriber_id = ? ORDER BY created_at, id", subscriberId);
    }

    public int countOf(UUID subscriberId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM subscription WHERE subscriber_id = ?")) {
            st.setObject(1, subscriberId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count subscriptions", e);
        }
    }

    public List<Subscription> listActive() {
        return query("SELECT " + COLUMNS + " FROM subscription WHERE active");
    }

    /** A cheap fingerprint of the subscription table: changes whenever a row is added, changed or removed. */
    public String version() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*), max(updated_at), sum(hashtext(id::text)) FROM subscription");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "/" + rs.getTimestamp(2) + "/" + rs.getLong(3);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read subscription version", e);
        }
    }

    /** Digest subscriptions whose period has ended, locked so only one instance sends each digest. */
    public List<Subscription> lockDueDigests(Instant now, int limit) {
        return query("SELECT " + COLUMNS + " FROM subscription WHERE digest_due_at <= ? ORDER BY digest_due_at "
                + "LIMIT " + limit + " FOR UPDATE SKIP LOCKED", Timestamp.from(now));
    }

    public void setDigestDueAt(UUID id, Instant dueAt) {
        execute("UPDATE subscription SET digest_due_at = ? WHERE id = ?", ts(dueAt), id);
    }

    public void disable(UUID id, String reason) {
        execute("UPDATE subscription SET active = false, disabled_reason = ?, updated_at = now() WHERE id = ? AND active",
                reason, id);
    }

    /** Remembers when an unbroken run of failures began (kept if already set). */
    public Optional<Instant> markFailing(UUID id, Instant at) {
        String sql = "UPDATE subscription SET failing_since = COALESCE(failing_since, ?) WHERE id = ? RETURNING failing_since";
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setTimestamp(1, Timestamp.from(at));
            st.setObject(2, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark subscription failing", e);
        }
    }

    public void markHealthy(UUID id) {
        execute("UPDATE subscription SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", id);
    }

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update subscription", e);
        }
    }

    private List<Subscription> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read subscriptions", e);
        }
    }

    private Subscription read(ResultSet rs) throws SQLException {
        try {
            return new Subscription(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6),
                    mapper.readValue(rs.getString(7), SubscriptionFilter.class), rs.getString(8), rs.getBoolean(9),
                    rs.getString(10), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                    instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored filter is not JSON", e);
        }
    }

    private String json(SubscriptionFilter filter) {
        try {
            return mapper.writeValueAsString(filter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
