package org.panelwatch.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * The LSH bands past the story window go, the window's stay; two instances pruning at once delete each
 * band once between them, without errors or waiting on each other.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class StoryBandPruningTest {

    private static final int OLD = 25_000;
    private static final int RECENT = 500;

    @Inject
    StoryBandPruning pruning;

    @Test
    void bandsPastTheWindowArePrunedOnceByConcurrentInstancesAndTheWindowsStay() throws Exception {
        Instant now = Instant.now();
        // Rows left by earlier runs or other tests older than the cutoff are pruned here too.
        Instant cutoff = now.minus(30, ChronoUnit.DAYS);
        long oldBefore = TestDatabase.count("SELECT count(*) FROM analysis.story_band WHERE created_at < ?",
                java.sql.Timestamp.from(cutoff));
        long recentBefore = TestDatabase.count("SELECT count(*) FROM analysis.story_band WHERE created_at >= ?",
                java.sql.Timestamp.from(cutoff));
        long marker = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("INSERT INTO analysis.story_band (band_hash, item_id, created_at) "
                        + "SELECT ? + g, gen_random_uuid(), now() - make_interval(days => CASE WHEN g < ? THEN 40 ELSE 1 END) "
                        + "FROM generate_series(0, ? - 1) g")) {
            st.setLong(1, marker);
            st.setInt(2, OLD);
            st.setInt(3, OLD + RECENT);
            st.executeUpdate();
        }

        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> pruning.prune(cutoff));
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> pruning.prune(cutoff));
        long deleted = first.get() + second.get();

        assertThat(deleted).as("deleted between the two").isEqualTo(OLD + oldBefore);
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.story_band WHERE created_at < ?",
                java.sql.Timestamp.from(cutoff))).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.story_band WHERE band_hash >= ? AND band_hash < ?",
                marker, marker + OLD + RECENT)).as("the window's bands").isEqualTo(RECENT);
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.story_band WHERE created_at >= ?",
                java.sql.Timestamp.from(cutoff))).isGreaterThanOrEqualTo(recentBefore + RECENT);
        assertThat(pruning.prune(cutoff)).as("a repeated prune").isZero();

        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("DELETE FROM analysis.story_band WHERE band_hash >= ? AND band_hash < ?")) {
            st.setLong(1, marker);
            st.setLong(2, marker + OLD + RECENT);
            st.executeUpdate();
        }
    }

    @Test
    void aNewBandIsStampedWithItsTime() throws Exception {
        long hash = ThreadLocalRandom.current().nextLong(1L << 51, 1L << 52);
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("INSERT INTO analysis.story_band (band_hash, item_id) VALUES (?, ?)")) {
            st.setLong(1, hash);
            st.setObject(2, UUID.randomUUID());
            st.executeUpdate();
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.story_band WHERE band_hash = ? "
                + "AND created_at > now() - interval '1 minute'", hash)).isEqualTo(1);
        TestDatabase.count("WITH d AS (DELETE FROM analysis.story_band WHERE band_hash = ? RETURNING 1) SELECT count(*) FROM d", hash);
    }
}
