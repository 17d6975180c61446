package org.panelwatch.ingest.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.repository.FeedRepository;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Feed leases in the real database, as several ingest-service instances sharing it meet them: each due
 * feed goes to one instance; a feed another instance is polling is left alone (a manual poll of it
 * answers 409) for as long as that instance renews its lease; when the instance dies its feeds are
 * taken over once the lease runs out. Two instances are two lease holders' names here, against the
 * same rows, through the repository the poller uses.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class FeedLeaseTest {

    private static final String INGEST_KEY = "dev-ingest-key";

    @Inject
    FeedRepository feeds;

    /** Feeds of other tests would be due too. */
    @BeforeEach
    void noFeeds() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.feed");
        }
    }

    @Test
    void twoInstancesClaimingAtOnceTakeEveryDueFeedExactlyOnce() throws Exception {
        Set<UUID> due = dueFeeds(40);
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<List<UUID>> a = CompletableFuture.supplyAsync(() -> claimUntilNoneLeft("instance-a", start));
        CompletableFuture<List<UUID>> b = CompletableFuture.supplyAsync(() -> claimUntilNoneLeft("instance-b", start));

        List<UUID> byA = a.get();
        List<UUID> byB = b.get();
        assertThat(byA).doesNotHaveDuplicates().doesNotContainAnyElementsOf(byB);
        assertThat(byB).doesNotHaveDuplicates();
        Set<UUID> all = new HashSet<>(byA);
        all.addAll(byB);
        assertThat(all).isEqualTo(due);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE leased_by = 'instance-a'")).isEqualTo(byA.size());
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE leased_by = 'instance-b'")).isEqualTo(byB.size());
    }

    @Test
    void aFeedStaysWithTheInstanceRenewingItsLeaseAndIsTakenOverWhenThatInstanceDies() throws Exception {
        UUID feed = dueFeeds(1).iterator().next();
        Duration lease = Duration.ofSeconds(2);
        assertThat(claim("instance-a", lease)).containsExactly(feed);

        // Instance a polls for longer than one lease, renewing as its poller's ticks do: b gets nothing.
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            QuarkusTransaction.requiringNew().run(() -> feeds.renew("instance-a", List.of(feed), lease));
            assertThat(claim("instance-b", lease)).as("claimed by b while a renews").isEmpty();
            assertThat(QuarkusTransaction.requiringNew().call(() -> feeds.lease(feed, "instance-b", lease)))
                    .isEqualTo(FeedRepository.Lease.HELD_ELSEWHERE);
            Thread.sleep(500);
        }

        // Instance a dies: no renewal, no release. Once its lease has run out, b takes the feed.
        long died = System.nanoTime();
        List<UUID> taken = List.of();
        while (taken.isEmpty() && System.nanoTime() - died < Duration.ofSeconds(20).toNanos()) {
            Thread.sleep(200);
            taken = claim("instance-b", lease);
        }
        double takeover = (System.nanoTime() - died) / 1e9;
        assertThat(taken).containsExactly(feed);
        assertThat(takeover).as("seconds until b took over").isBetween(1.0, 10.0);
        assertThat(TestDatabase.string("SELECT leased_by FROM ingest.feed WHERE id = ?", feed)).isEqualTo("instance-b");
    }

    @Test
    void aManualPollOfAFeedAnotherInstanceIsPollingAnswers409AndPollsOnceTheLeaseHasRunOut() throws Exception {
        // Nothing listens on the discard port: the poll itself fails, which is an outcome like any other.
        String id = given().auth().oauth2(INGEST_KEY).contentType("application/json")
                .body("{\"url\": \"http://127.0.0.1:9/lease-" + UUID.randomUUID() + ".xml\", \"pollIntervalSeconds\": 3600}")
                .when().post("/api/v1/feeds").then().statusCode(201).extract().path("id");
        execute("UPDATE ingest.feed SET leased_by = 'instance-b', leased_until = now() + interval '1 hour' WHERE id = ?::uuid", id);

        given().auth().oauth2(INGEST_KEY).when().post("/api/v1/feeds/" + id + "/poll")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", is(409)).body("detail", containsString("Another ingest-service instance"));
        assertThat(TestDatabase.string("SELECT last_status FROM ingest.feed WHERE id = ?::uuid", id)).isNull();

        execute("UPDATE ingest.feed SET leased_until = now() - interval '1 second' WHERE id = ?::uuid", id);
        given().auth().oauth2(INGEST_KEY).when().post("/api/v1/feeds/" + id + "/poll")
                .then().statusCode(200).body("status", is("error"));
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE id = ?::uuid AND leased_by IS NULL "
                + "AND leased_until IS NULL AND last_status = 'error'", id)).isEqualTo(1);
    }

    private List<UUID> claimUntilNoneLeft(String instance, CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<UUID> mine = new ArrayList<>();
        List<UUID> batch;
        do {
            batch = claim(instance, Duration.ofMinutes(5));
            mine.addAll(batch);
        } while (!batch.isEmpty());
        return mine;
    }

    private List<UUID> claim(String instance, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> feeds.claimDue(instance, 3, lease));
    }

    private static Set<UUID> dueFeeds(int count) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ingest.feed (id, url, name, poll_interval_seconds, next_poll_at) VALUES (?, ?, 'lease test', 3600, now())")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, "https://feeds.example.org/lease/" + id + ".xml");
                insert.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    private static void execute(String sql, Object... params) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }
}
