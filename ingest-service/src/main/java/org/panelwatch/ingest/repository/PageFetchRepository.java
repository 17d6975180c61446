package org.panelwatch.ingest.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The queue of article pages to fetch (table {@code ingest.page_fetch}). Rows are claimed with a
 * lease by {@code FOR UPDATE SKIP LOCKED}, so several workers and instances share the queue without
 * taking a row twice, and a row whose worker died is taken over once its lease has run out. Every
 * change after the claim names the lease it holds, so a worker that overran its lease cannot
 * overwrite the outcome of the one that took the row over.
 */
@ApplicationScoped
public class PageFetchRepository {

    /** A claimed row: the pending item as JSON and this claim's lease token. */
    public record ClaimedPage(UUID id, String url, String itemJson, String feedId, String traceparent, int attempts,
            String lease) {
    }

    private static final String ENQUEUE = """
            INSERT INTO ingest.page_fetch (id, url, host, item, feed_id, traceparent)
            VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (id) DO NOTHING""";

    /** Due rows, leaving out hosts still inside their interval: another row of theirs is being fetched. */
    private static final String CLAIM = """
            UPDATE ingest.page_fetch f
            SET status = 'leased', attempts = f.attempts + 1, lease_until = now() + make_interval(secs => ?),
                leased_by = ?, updated_at = now()
            WHERE f.id IN (
                SELECT p.id FROM ingest.page_fetch p
                WHERE ((p.status = 'queued' AND p.next_attempt_at <= now())
                       OR (p.status = 'leased' AND p.lease_until < now()))
                  AND NOT EXISTS (SELECT 1 FROM ingest.page_host h WHERE h.host = p.host AND h.next_slot_at > now())
                ORDER BY p.next_attempt_at
                LIMIT ?
                FOR UPDATE OF p SKIP LOCKED)
            RETURNING f.id, f.url, f.item::text, f.feed_id, f.traceparent, f.attempts""";

    private static final String FINISH = """
            UPDATE ingest.page_fetch SET status = ?, reason = ?, text_source = ?, lease_until = NULL, updated_at = now()
            WHERE id = ? AND status = 'leased' AND leased_by = ?""";

    private static final String RETRY = """
            UPDATE ingest.page_fetch SET status = 'queued', reason = COALESCE(?, reason), next_attempt_at = ?, lease_until = NULL,
                leased_by = NULL, attempts = attempts - ?, updated_at = now()
            WHERE id = ? AND status = 'leased' AND leased_by = ?""";

    private final DataSource dataSource;

    public PageFetchRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues a page; run in the caller's transaction, the one that claims the item's identity. */
    public void enqueue(UUID id, String url, String host, String itemJson, String feedId, String traceparent) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ENQUEUE)) {
            statement.setObject(1, id);
            statement.setString(2, url);
            statement.setString(3, host);
            statement.setString(4, itemJson);
            statement.setString(5, feedId);
            statement.setString(6, traceparent);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue the page of item " + id, e);
        }
    }

    /** Takes up to {@code limit} due rows for {@code lease}; each claim counts as an attempt. */
    public List<ClaimedPage> claim(int limit, Duration lease, String worker) {
        List<ClaimedPage> claimed = new ArrayList<>();
        if (limit <= 0) {
            return claimed;
        }
        String token = worker + "/" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setDouble(1, lease.toMillis() / 1000.0);
            statement.setString(2, token);
            statement.setInt(3, limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new ClaimedPage(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getInt(6), token));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim pages to fetch", e);
        }
        return claimed;
    }

    /**
     * Records the outcome: {@code done} (the item went out with the page's text, or was a duplicate)
     * or {@code failed} (it went out with its summary). False when the lease was lost meanwhile.
     */
    public boolean finish(ClaimedPage page, String status, String reason, String textSource) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FINISH)) {
            statement.setString(1, status);
            statement.setString(2, reason);
            statement.setString(3, textSource);
            statement.setObject(4, page.id());
            statement.setString(5, page.lease());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the outcome of page " + page.id(), e);
        }
    }

    /**
     * Puts the row back in the queue until {@code at}. {@code countAttempt} false when nothing was
     * tried (the host was busy), so waiting one's turn does not use up the tries.
     */
    public boolean retryAt(ClaimedPage page, Instant at, String reason, boolean countAttempt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(RETRY)) {
            statement.setString(1, reason);
            statement.setTimestamp(2, Timestamp.from(at));
            statement.setInt(3, countAttempt ? 0 : 1);
            statement.setObject(4, page.id());
            statement.setString(5, page.lease());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not put page " + page.id() + " back in the queue", e);
        }
    }
}
