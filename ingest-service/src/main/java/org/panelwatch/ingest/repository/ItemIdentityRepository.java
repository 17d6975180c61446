package org.panelwatch.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The ids of every item handed to Kafka (table {@code ingest.item_identity}). */
@ApplicationScoped
public class ItemIdentityRepository {

    /** One statement per batch: the ids that were new come back, the rest were seen before. */
    private static final String CLAIM = "INSERT INTO ingest.item_identity (id) SELECT unnest(?::uuid[]) "
            + "ON CONFLICT (id) DO NOTHING RETURNING id";

    private final DataSource dataSource;

    public ItemIdentityRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the ids and returns those not recorded before. Run inside the caller's transaction:
     * until it commits, a concurrent claim of the same id waits on the primary key, and a rollback
     * (Kafka did not acknowledge) leaves the ids unseen.
     */
    public Set<UUID> claim(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            Set<UUID> claimed = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getObject(1, UUID.class));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record item ids", e);
        }
    }
}
