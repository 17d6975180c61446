package org.panelwatch.e2e.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * End to end: from the first push until the last pushed item is a row in analysis.item (tagged, its
 * story found, its topics and entities stored), beside the rate of plain batched inserts of the same
 * rows, on one connection, into a copy of analysis.item with the same columns, generated search
 * column, indexes and compression.
 */
final class StoreThroughput {

    private static final int BATCH = 500;

    private final String jdbcUrl;

    StoreThroughput(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, System.getenv().getOrDefault("PGUSER", "postgres"),
                System.getenv().getOrDefault("PGPASSWORD", ""));
    }

    double rawInsertRate(List<Map<String, Object>> items) throws SQLException {
        try (Connection db = connect(); Statement ddl = db.createStatement()) {
            ddl.execute("CREATE SCHEMA IF NOT EXISTS bench");
            ddl.execute("DROP TABLE IF EXISTS bench.item");
            ddl.execute("CREATE TABLE bench.item (LIKE analysis.item INCLUDING ALL)");
            db.setAutoCommit(false);
            Random random = new Random(7);
            Instant now = Instant.now();
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO bench.item (id, url, title, body, published, source, lang, ingested_at, sort_at, text_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int pending = 0;
                for (Map<String, Object> item : items) {
                    Timestamp published = Timestamp.from(Instant.parse((String) item.get("published")));
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, (String) item.get("url"));
                    insert.setString(3, (String) item.get("title"));
                    insert.setString(4, (String) item.get("body"));
                    insert.setTimestamp(5, published);
                    insert.setString(6, (String) item.get("source"));
                    insert.setString(7, (String) item.get("lang"));
                    insert.setTimestamp(8, Timestamp.from(now));
                    insert.setTimestamp(9, published);
                    insert.setLong(10, random.nextLong());
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        db.commit();
                        pending = 0;
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            double rate = items.size() / ((System.nanoTime() - start) / 1e9);
            ddl.execute("DROP TABLE bench.item");
            db.commit();
            return rate;
        }
    }

    /** Waits until {@code expected} items whose URL starts with {@code urlPrefix} are stored; answers when the last one was seen. */
    long awaitStored(String urlPrefix, int expected, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        try (Connection db = connect(); PreparedStatement count = db.prepareStatement(
                // sort_at is the item's published time, within the last day for benchmark items: the index keeps this cheap at a million rows
                "SELECT count(*) FROM analysis.item WHERE sort_at > now() - interval '2 days' AND url LIKE ?")) {
            count.setString(1, urlPrefix + "%");
            while (true) {
                long stored;
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1);
                }
                long now = System.nanoTime();
                if (stored >= expected) {
                    return now;
                }
                if (now > deadline) {
                    throw new IllegalStateException("only " + stored + " of " + expected + " items stored after " + timeout);
                }
                if (now - lastReport > 10_000_000_000L) {
                    System.out.printf("  ... %,d of %,d stored%n", stored, expected);
                    lastReport = now;
                }
                Thread.sleep(200);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection db = connect(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
