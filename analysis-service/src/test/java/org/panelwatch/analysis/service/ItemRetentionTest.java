package org.panelwatch.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Retention: an item published and received before the limit goes with its topics, entities, signals,
 * feedback and (once empty) its story; an item received recently stays even when published long ago
 * (a backfill), and so does a story that still holds a kept item.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class ItemRetentionTest {

    @Inject
    ItemRetention retention;

    // Far in the past and different each run: nothing else in the test database is that old.
    private final Instant old = Instant.parse("1901-01-01T00:00:00Z").plusSeconds(System.currentTimeMillis() / 1000 % 1_000_000);

    @Test
    void oldItemsGoWithTheirDependentRowsAndRecentOrBackfilledOnesStay() throws Exception {
        UUID gone = UUID.randomUUID();
        UUID backfilled = UUID.randomUUID();
        UUID goneStory = UUID.randomUUID();
        UUID keptStory = UUID.randomUUID();
        UUID keptInKeptStory = UUID.randomUUID();
        UUID goneInKeptStory = UUID.randomUUID();
        try (Connection c = TestDatabase.connect()) {
            item(c, gone, old, old, goneStory);
            item(c, goneInKeptStory, old, old, keptStory);
            item(c, keptInKeptStory, Instant.now(), Instant.now(), keptStory);
            item(c, backfilled, old, Instant.now(), null);
            story(c, goneStory, gone);
            story(c, keptStory, goneInKeptStory);
            for (UUID id : new UUID[] {gone, backfilled}) {
                exec(c, "INSERT INTO analysis.item_topic (item_id, topic_id, score, evidence, sort_at) VALUES (?, 'arms-transfer', 1, '[]', ?)", id, Timestamp.from(old));
                exec(c, "INSERT INTO analysis.item_entity (id, item_id, type, name, start_offset, end_offset) VALUES (gen_random_uuid(), ?, 'country', 'Russia', 0, 6)", id);
                exec(c, "INSERT INTO analysis.signal (id, item_id, type, score, severity, evidence, first_in_story, sort_at, detected_at) "
                        + "VALUES (gen_random_uuid(), ?, 'russia-dprk-military', 1, 'high', '[]', true, ?, now())", id, Timestamp.from(old));
                exec(c, "INSERT INTO analysis.feedback (id, item_id, verdict, topics_added, topics_removed, caller_role, caller_id, created_at) "
                        + "VALUES (gen_random_uuid(), ?, 'confirmed', '[]', '[]', 'admin', 'admin', now())", id);
            }
        }

        long removed = retention.remove(old.plus(1, ChronoUnit.DAYS));

        assertThat(removed).isEqualTo(2);
        for (String table : new String[] {"item_topic", "item_entity", "signal", "feedback"}) {
            assertThat(TestDatabase.count("SELECT count(*) FROM analysis." + table + " WHERE item_id = ?", gone)).as(table).isZero();
            assertThat(TestDatabase.count("SELECT count(*) FROM analysis." + table + " WHERE item_id = ?", backfilled)).as(table).isEqualTo(1);
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.item WHERE id = ANY (?::uuid[])",
                "{" + gone + "," + goneInKeptStory + "}")).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.item WHERE id = ANY (?::uuid[])",
                "{" + backfilled + "," + keptInKeptStory + "}")).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.story WHERE id = ?", goneStory)).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.story WHERE id = ?", keptStory)).isEqualTo(1);

        try (Connection c = TestDatabase.connect()) {
            for (String table : new String[] {"item_topic", "item_entity", "signal", "feedback"}) {
                exec(c, "DELETE FROM analysis." + table + " WHERE item_id = ?", backfilled);
            }
            exec(c, "DELETE FROM analysis.item WHERE id = ?", backfilled);
            exec(c, "DELETE FROM analysis.item WHERE id = ?", keptInKeptStory);
            exec(c, "DELETE FROM analysis.story WHERE id = ?", keptStory);
        }
    }

    private static void item(Connection c, UUID id, Instant sortAt, Instant ingestedAt, UUID story) throws Exception {
        exec(c, "INSERT INTO analysis.item (id, title, body, lang, ingested_at, sort_at, story_id) VALUES (?, 'Old', 'An old item.', 'en', ?, ?, ?)",
                id, Timestamp.from(ingestedAt), Timestamp.from(sortAt), story);
    }

    private static void story(Connection c, UUID id, UUID firstItem) throws Exception {
        exec(c, "INSERT INTO analysis.story (id, first_item_id, created_at) VALUES (?, ?, now())", id, firstItem);
    }

    private static void exec(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }
}
