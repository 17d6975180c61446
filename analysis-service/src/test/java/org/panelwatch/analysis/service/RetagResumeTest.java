package org.panelwatch.analysis.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.config.CurrentEngine;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * A retag whose instance died mid-run: the database holds what a kill -9 leaves (the job running, the
 * position after the last committed page, the owner's heartbeat old). While the owner's lease holds no
 * other instance takes the job; once it has run out this instance resumes from the stored position:
 * the items before it are not re-tagged again, every item after it is, and the totals add up.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class RetagResumeTest {

    private static final int ITEMS = 8;
    private static final int DONE_BY_THE_DEAD_INSTANCE = 3;

    @Inject
    RetagService retag;
    @Inject
    CurrentEngine engine;

    private final List<UUID> ids = new ArrayList<>();
    private Instant base;

    @BeforeEach
    void storeItems() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            // After every item already stored (other test classes store items dated far ahead too), so that
            // "since" selects this test's items only.
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT greatest(max(sort_at), "
                    + "timestamptz '2200-01-01 00:00:00+00') + interval '1 day' FROM analysis.item")) {
                rs.next();
                base = rs.getTimestamp(1).toInstant();
            }
            c.createStatement().execute("DELETE FROM analysis.retag_job");
            for (int i = 0; i < ITEMS; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                try (PreparedStatement st = c.prepareStatement("INSERT INTO analysis.item (id, title, body, lang, "
                        + "ingested_at, sort_at) VALUES (?, ?, ?, 'en', now(), ?)")) {
                    st.setObject(1, id);
                    st.setString(2, "Report " + i);
                    st.setString(3, "An arms-transfer was reported, item " + i + ".");
                    st.setTimestamp(4, Timestamp.from(base.plusSeconds(i)));
                    st.executeUpdate();
                }
            }
        }
        ids.sort(java.util.Comparator.comparing(UUID::toString)); // PostgreSQL orders uuids bytewise, Java signed
    }

    @AfterEach
    void removeItems() throws SQLException {
        try (Connection c = TestDatabase.connect()) {
            for (String table : List.of("item_topic", "item_entity", "signal")) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM analysis." + table + " WHERE item_id = ANY (?)")) {
                    st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM analysis.item WHERE id = ANY (?)")) {
                st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                st.executeUpdate();
            }
            c.createStatement().execute("DELETE FROM analysis.retag_job");
        }
    }

    @Test
    void anotherInstanceResumesADeadInstancesRetagWithoutRepeatingOrSkippingAnItem() throws Exception {
        UUID job = UUID.randomUUID();
        UUID position = ids.get(DONE_BY_THE_DEAD_INSTANCE - 1);
        try (Connection c = TestDatabase.connect()) {
            // What the dead instance committed: its first pages re-tagged (marked here with a topic no rule gives).
            for (UUID done : ids.subList(0, DONE_BY_THE_DEAD_INSTANCE)) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO analysis.item_topic (item_id, topic_id, score, "
                        + "evidence, sort_at) VALUES (?, 'marked-by-the-dead-instance', 1, '[]', ?)")) {
                    st.setObject(1, done);
                    st.setTimestamp(2, Timestamp.from(base));
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO analysis.retag_job (id, status, trigger, since, "
                    + "un_list_date, after_id, items_processed, items_changed, owner, heartbeat_at, created_at, started_at) "
                    + "VALUES (?, 'running', 'admin', ?, ?, ?, ?, ?, 'dead-instance', now(), now(), now())")) {
                st.setObject(1, job);
                st.setTimestamp(2, Timestamp.from(base));
                st.setString(3, engine.unList().dateGenerated());
                st.setObject(4, position);
                st.setLong(5, DONE_BY_THE_DEAD_INSTANCE);
                st.setLong(6, DONE_BY_THE_DEAD_INSTANCE);
                st.executeUpdate();
            }
        }

        // Its lease still holds (heartbeat just now): nobody takes the job, an admin's new retag is refused.
        retag.resume();
        assertThat(TestDatabase.string("SELECT owner FROM analysis.retag_job WHERE id = ?", job)).isEqualTo("dead-instance");
        given().auth().oauth2("dev-admin-key").post("/api/v1/admin/retag").then().statusCode(409);

        // The lease runs out (2 minutes without a page): this instance takes it over from the stored position.
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("UPDATE analysis.retag_job SET heartbeat_at = now() - interval '10 minutes' WHERE id = ?")) {
            st.setObject(1, job);
            st.executeUpdate();
        }
        retag.resume();
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(
                TestDatabase.string("SELECT status FROM analysis.retag_job WHERE id = ?", job)));

        for (int i = 0; i < ITEMS; i++) {
            String topics = TestDatabase.string("SELECT string_agg(topic_id, ',' ORDER BY topic_id) FROM analysis.item_topic "
                    + "WHERE item_id = ?", ids.get(i));
            if (i < DONE_BY_THE_DEAD_INSTANCE) {
                assertThat(topics).as("item %d, before the position: not re-tagged twice", i).isEqualTo("marked-by-the-dead-instance");
            } else {
                assertThat(topics).as("item %d, after the position: re-tagged", i).isEqualTo("arms-transfer");
            }
        }
        assertThat(TestDatabase.count("SELECT items_processed FROM analysis.retag_job WHERE id = ?", job)).isEqualTo(ITEMS);
        assertThat(TestDatabase.string("SELECT after_id::text FROM analysis.retag_job WHERE id = ?", job))
                .isEqualTo(ids.get(ITEMS - 1).toString());
        assertThat(TestDatabase.string("SELECT owner FROM analysis.retag_job WHERE id = ?", job)).isNull();
        // Any instance answers for the job: it is read from the database.
        given().auth().oauth2("dev-admin-key").get("/api/v1/admin/retag/" + job).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("done"))
                .body("itemsProcessed", org.hamcrest.Matchers.equalTo(ITEMS))
                .body("trigger", org.hamcrest.Matchers.equalTo("admin"));
    }
}
