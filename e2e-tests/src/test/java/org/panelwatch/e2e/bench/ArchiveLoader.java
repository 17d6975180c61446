package org.panelwatch.e2e.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Fills analysis.item up to a given number of rows with an archive of older items (three days
 * and more before now, one a minute), each with one or two topics of the catalogue and, for
 * every fiftieth, a signal: what the read API has to page through after a couple of years of
 * news. Rows are written by the database itself (generate_series), in chunks, with progress.
 */
final class ArchiveLoader {

    private static final int CHUNK = 100_000;

    private final StoreThroughput db;

    ArchiveLoader(StoreThroughput db) {
        this.db = db;
    }

    /** Answers how many rows it added. */
    long fillTo(long target, List<String> topics) throws SQLException {
        long total = db.count("SELECT count(*) FROM analysis.item");
        if (total >= target) {
            System.out.printf("  analysis.item already holds %,d items%n", total);
            return 0;
        }
        long archived = db.count("SELECT count(*) FROM analysis.item WHERE source = 'Panelwatch archive'");
        long from = archived + 1;
        long to = archived + (target - total);
        String topicArray = "ARRAY['" + String.join("','", topics) + "']";
        long started = System.nanoTime();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            for (long start = from; start <= to; start += CHUNK) {
                long end = Math.min(to, start + CHUNK - 1);
                try (PreparedStatement items = c.prepareStatement("""
                        INSERT INTO analysis.item (id, url, title, body, published, source, lang, ingested_at, stored_at, sort_at, text_hash)
                        SELECT md5('panelwatch-archive-' || g)::uuid, 'https://archive.panelwatch.test/' || g,
                               'Archived sanctions report ' || g,
                               'Archived report ' || g || '. ' || (ARRAY[
                                 'A tanker was seen alongside another vessel in a ship-to-ship transfer of refined petroleum.',
                                 'Coal from Nampo was shipped under false papers, the committee was told.',
                                 'Hackers stole cryptocurrency from an exchange, investigators said.',
                                 'Workers were still employed abroad despite the repatriation deadline.',
                                 'Satellite images showed new activity at the Yongbyon nuclear complex.'])[1 + g % 5]
                                 || ' The report was filed with the sanctions committee.',
                               ts, 'Panelwatch archive', 'en', ts, ts, ts, g
                        FROM (SELECT g, now() - interval '3 days' - g * interval '1 minute' AS ts
                              FROM generate_series(?::bigint, ?::bigint) g) s
                        ON CONFLICT (id) DO NOTHING""");
                     PreparedStatement tags = c.prepareStatement("""
                        INSERT INTO analysis.item_topic (item_id, topic_id, score, evidence, sort_at)
                        SELECT md5('panelwatch-archive-' || g)::uuid, t.topic, 0.7,
                               '[{"text":"Archived report","field":"body","start":0,"end":15}]'::jsonb,
                               now() - interval '3 days' - g * interval '1 minute'
                        FROM generate_series(?::bigint, ?::bigint) g,
                             LATERAL (SELECT (%1$s)[1 + g %% %2$d] AS topic
                                      UNION SELECT (%1$s)[1 + (g / 3) %% %2$d] WHERE g %% 3 = 0) t
                        ON CONFLICT DO NOTHING""".formatted(topicArray, topics.size()));
                     PreparedStatement signals = c.prepareStatement("""
                        INSERT INTO analysis.signal (id, item_id, type, score, severity, evidence, story_id, first_in_story, sort_at, detected_at)
                        SELECT md5('panelwatch-archive-signal-' || g)::uuid, md5('panelwatch-archive-' || g)::uuid,
                               'russia-dprk-military', 0.8, 'high',
                               '[{"text":"Archived report","field":"body","start":0,"end":15}]'::jsonb, NULL, true, ts, ts
                        FROM (SELECT g, now() - interval '3 days' - g * interval '1 minute' AS ts
                              FROM generate_series(?::bigint, ?::bigint) g) s
                        WHERE g % 50 = 0
                        ON CONFLICT DO NOTHING""")) {
                    for (PreparedStatement st : List.of(items, tags, signals)) {
                        st.setLong(1, start);
                        st.setLong(2, end);
                        st.executeUpdate();
                    }
                }
                c.commit();
                System.out.printf("  archive: %,d of %,d rows written (%.0f s)%n", end - from + 1, to - from + 1,
                        (System.nanoTime() - started) / 1e9);
            }
            c.setAutoCommit(true);
            try (Statement analyze = c.createStatement()) {
                analyze.execute("ANALYZE analysis.item, analysis.item_topic, analysis.signal");
            }
        }
        return to - from + 1;
    }
}
