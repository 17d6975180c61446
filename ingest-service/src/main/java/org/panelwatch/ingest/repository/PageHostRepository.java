package org.panelwatch.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/** Each host's next free request slot (table {@code ingest.page_host}), shared by every instance. */
@ApplicationScoped
public class PageHostRepository {

    /** Takes the slot only when it is free now; one statement, so two instances cannot both take it. */
    private static final String RESERVE = """
            INSERT INTO ingest.page_host (host, next_slot_at) VALUES (?, clock_timestamp() + make_interval(secs => ?))
            ON CONFLICT (host) DO UPDATE SET next_slot_at = EXCLUDED.next_slot_at
            WHERE ingest.page_host.next_slot_at <= clock_timestamp()
            RETURNING next_slot_at""";
    private static final String NEXT_SLOT = "SELECT next_slot_at FROM ingest.page_host WHERE host = ?";

    private final DataSource dataSource;

    public PageHostRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empty when the slot was free and is now ours for {@code interval}; else when it frees up. */
    public Optional<Instant> reserve(String host, Duration interval) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement reserve = connection.prepareStatement(RESERVE)) {
                reserve.setString(1, host);
                reserve.setDouble(2, interval.toMillis() / 1000.0);
                try (ResultSet rows = reserve.executeQuery()) {
                    if (rows.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement next = connection.prepareStatement(NEXT_SLOT)) {
                next.setString(1, host);
                try (ResultSet rows = next.executeQuery()) {
                    // Gone between the two statements only if someone deleted it: free now.
                    return rows.next() ? Optional.of(rows.getObject(1, OffsetDateTime.class).toInstant())
                            : Optional.of(Instant.now());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reserve a request slot for " + host, e);
        }
    }
}
