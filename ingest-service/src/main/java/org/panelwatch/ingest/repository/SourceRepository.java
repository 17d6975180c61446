package org.panelwatch.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Sources and their feeds as the catalogue says. {@link #apply} writes a whole catalogue in the
 * caller's transaction: upserts keyed on the source id and the feed URL, under a transaction-scoped
 * advisory lock, so instances starting at once load one after the other and create nothing twice.
 */
@ApplicationScoped
public class SourceRepository implements PanacheRepositoryBase<Source, String> {

    /** One catalogue load at a time across every instance sharing the database. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('panelwatch.ingest.source-catalogue'))";

    private static final String UPSERT_SOURCE = """
            INSERT INTO ingest.source (id, name, homepage, kind, country, languages, summary_only, provenance, enabled, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, true, now())
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, homepage = excluded.homepage, kind = excluded.kind,
                country = excluded.country, languages = excluded.languages, summary_only = excluded.summary_only,
                provenance = excluded.provenance, enabled = true, updated_at = now()
            RETURNING (xmax = 0)""";

    /** A feed keeps its id, poll state and history; an address found under another source moves to this one. */
    private static final String UPSERT_FEED = """
            INSERT INTO ingest.feed (id, url, name, poll_interval_seconds, created_at, next_poll_at,
                                     source_id, kind, enabled, summary_only, query)
            VALUES (?, ?, ?, ?, now(), now(), ?, ?, true, ?, ?)
            ON CONFLICT (url) DO UPDATE SET name = excluded.name, poll_interval_seconds = excluded.poll_interval_seconds,
                source_id = excluded.source_id, kind = excluded.kind, enabled = true,
                summary_only = excluded.summary_only, query = excluded.query
            RETURNING (xmax = 0)""";

    private static final String DISABLE_SOURCES = """
            UPDATE ingest.source SET enabled = false, updated_at = now()
            WHERE enabled AND NOT (id = ANY (?))""";

    /** Catalogue feeds no longer listed (their source left, or the source dropped the address); API feeds stay. */
    private static final String DISABLE_FEEDS = """
            UPDATE ingest.feed SET enabled = false
            WHERE source_id IS NOT NULL AND enabled AND NOT (url = ANY (?))""";

    /** A source as the catalogue states it. */
    public record SourceRecord(String id, String name, String homepage, String kind, String country,
            List<String> languages, boolean summaryOnly, String provenance, List<FeedRecord> feeds) {
    }

    /** A feed of a source: {@code url} is the address polled (for GDELT, the API request of {@code query}). */
    public record FeedRecord(String url, String name, int pollIntervalSeconds, String kind, boolean summaryOnly,
            String query) {
    }

    /** What a load changed. */
    public record Applied(int sourcesCreated, int sourcesUpdated, int sourcesDisabled, int feedsCreated,
            int feedsUpdated, int feedsDisabled) {
    }

    private final DataSource dataSource;

    public SourceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Source> listById() {
        return listAll(Sort.by("id"));
    }

    /** Writes the catalogue; run inside a transaction (the advisory lock is held until it ends). */
    public Applied apply(List<SourceRecord> sources) {
        int sourcesCreated = 0;
        int sourcesUpdated = 0;
        int feedsCreated = 0;
        int feedsUpdated = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.execute();
            }
            try (PreparedStatement source = connection.prepareStatement(UPSERT_SOURCE);
                    PreparedStatement feed = connection.prepareStatement(UPSERT_FEED)) {
                for (SourceRecord s : sources) {
                    source.setString(1, s.id());
                    source.setString(2, s.name());
                    source.setString(3, s.homepage());
                    source.setString(4, s.kind());
                    source.setString(5, s.country());
                    source.setArray(6, connection.createArrayOf("text", s.languages().toArray()));
                    source.setBoolean(7, s.summaryOnly());
                    source.setString(8, s.provenance());
                    if (inserted(source)) {
                        sourcesCreated++;
                    } else {
                        sourcesUpdated++;
                    }
                    for (FeedRecord f : s.feeds()) {
                        feed.setObject(1, UUID.randomUUID());
                        feed.setString(2, f.url());
                        feed.setString(3, f.name());
                        feed.setInt(4, f.pollIntervalSeconds());
                        feed.setString(5, s.id());
                        feed.setString(6, f.kind());
                        feed.setBoolean(7, f.summaryOnly());
                        feed.setString(8, f.query());
                        if (inserted(feed)) {
                            feedsCreated++;
                        } else {
                            feedsUpdated++;
                        }
                    }
                }
            }
            int sourcesDisabled = disable(connection, DISABLE_SOURCES,
                    sources.stream().map(SourceRecord::id).toArray());
            int feedsDisabled = disable(connection, DISABLE_FEEDS,
                    sources.stream().flatMap(s -> s.feeds().stream()).map(FeedRecord::url).toArray());
            return new Applied(sourcesCreated, sourcesUpdated, sourcesDisabled, feedsCreated, feedsUpdated, feedsDisabled);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the source catalogue: " + e.getMessage(), e);
        }
    }

    private static boolean inserted(PreparedStatement upsert) throws SQLException {
        try (ResultSet row = upsert.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static int disable(Connection connection, String sql, Object[] kept) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", kept));
            return statement.executeUpdate();
        }
    }
}
