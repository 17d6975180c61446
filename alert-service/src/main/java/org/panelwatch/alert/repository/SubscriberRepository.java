package org.panelwatch.alert.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriberRepository {

    private final AgroalDataSource dataSource;

    public SubscriberRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Subscriber insert(String name, String email, String apiKeyHash) {
        String sql = "INSERT INTO subscriber (id, name, email, api_key_hash) VALUES (?, ?, ?, ?) RETURNING created_at";
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, id);
            st.setString(2, name);
            st.setString(3, email);
            st.setString(4, apiKeyHash);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Subscriber(id, name, email, rs.getTimestamp(1).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store subscriber", e);
        }
    }

    /**
     * Deletes the subscriber; its subscriptions go with it, and with them their alerts, deliveries and attempts
     * (the foreign keys cascade). Answers whether it existed.
     */
    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM subscriber WHERE id = ?")) {
            st.setObject(1, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete subscriber", e);
        }
    }

    /** Replaces the subscriber's key hash; the old key stops resolving at once. Answers whether it existed. */
    public boolean replaceKeyHash(UUID id, String apiKeyHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE subscriber SET api_key_hash = ? WHERE id = ?")) {
            st.setString(1, apiKeyHash);
            st.setObject(2, id);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not replace subscriber key", e);
        }
    }

    public Optional<UUID> idByKeyHash(String apiKeyHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT id FROM subscriber WHERE api_key_hash = ?")) {
            st.setString(1, apiKeyHash);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up subscriber key", e);
        }
    }

    public Optional<Subscriber> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT id, name, email, created_at FROM subscriber WHERE id = ?")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp created = rs.getTimestamp(4);
                return Optional.of(new Subscriber(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        created.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read subscriber", e);
        }
    }

    /**
     * Locks the subscriber's row until the transaction ends and answers whether it exists. Creations for one
     * subscriber then run one after the other, so a limit on their number holds under concurrency. NO KEY
     * UPDATE, not UPDATE: rows that merely reference the subscriber (their foreign key checks take KEY SHARE)
     * are not held up.
     */
    public boolean lock(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT id FROM subscriber WHERE id = ? FOR NO KEY UPDATE")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock subscriber", e);
        }
    }
}
