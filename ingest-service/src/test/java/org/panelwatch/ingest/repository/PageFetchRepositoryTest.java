package org.panelwatch.ingest.repository;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.repository.PageFetchRepository.ClaimedPage;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** The page queue's claims on the real database: shared without overlap, and taken over after a lease runs out. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class PageFetchRepositoryTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    PageFetchRepository queue;

    @BeforeEach
    void emptyQueue() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.page_fetch");
        }
    }

    @Test
    void twoWorkersClaimingAtOnceNeverTakeTheSameRow() throws Exception {
        Set<UUID> queued = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            queued.add(insert("queued", "now()", null, "host-" + i + ".example"));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<List<UUID>> worker = () -> {
            List<UUID> taken = new ArrayList<>();
            start.await();
            List<ClaimedPage> claimed;
            while (!(claimed = queue.claim(4, LEASE, Thread.currentThread().getName())).isEmpty()) {
                claimed.forEach(page -> taken.add(page.id()));
            }
            return taken;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<UUID>> a = pool.submit(worker);
            Future<List<UUID>> b = pool.submit(worker);
            List<UUID> byA = a.get();
            List<UUID> byB = b.get();
            assertThat(byA).isNotEmpty().doesNotHaveDuplicates().doesNotContainAnyElementsOf(byB);
            assertThat(byB).isNotEmpty().doesNotHaveDuplicates();
            List<UUID> all = new ArrayList<>(byA);
            all.addAll(byB);
            assertThat(all).containsExactlyInAnyOrderElementsOf(queued);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRowWhoseLeaseRanOutIsTakenOverAndTheOldHolderCannotRecordItsOutcome() throws Exception {
        UUID stale = insert("leased", "now() - interval '5 minutes'", "now() - interval '1 second'", "stale.example");
        UUID held = insert("leased", "now() - interval '5 minutes'", "now() + interval '1 minute'", "held.example");
        ClaimedPage old = new ClaimedPage(stale, "http://stale.example/", "{}", null, null, 1, "crashed-worker/lease");

        List<ClaimedPage> claimed = queue.claim(10, LEASE, "survivor");

        assertThat(claimed).extracting(ClaimedPage::id).containsExactly(stale).doesNotContain(held);
        ClaimedPage takenOver = claimed.get(0);
        assertThat(takenOver.attempts()).isEqualTo(2);
        assertThat(takenOver.lease()).startsWith("survivor/");
        assertThat(queue.finish(old, "done", null, "page")).isFalse();
        assertThat(queue.finish(takenOver, "done", null, "page")).isTrue();
        assertThat(queue.claim(10, LEASE, "survivor")).isEmpty();
    }

    @Test
    void aRowOfAHostInsideItsIntervalWaitsAndAFutureRowIsNotDue() throws Exception {
        UUID busyHost = insert("queued", "now()", null, "busy.example");
        UUID later = insert("queued", "now() + interval '1 hour'", null, "free.example");
        UUID due = insert("queued", "now()", null, "free.example");
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ingest.page_host (host, next_slot_at) VALUES ('busy.example', now() + interval '1 hour') "
                    + "ON CONFLICT (host) DO UPDATE SET next_slot_at = EXCLUDED.next_slot_at");
        }
        try {
            assertThat(queue.claim(10, LEASE, "w")).extracting(ClaimedPage::id).containsExactly(due)
                    .doesNotContain(busyHost, later);
        } finally {
            try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM ingest.page_host WHERE host = 'busy.example'");
            }
        }
    }

    private static UUID insert(String status, String nextAttempt, String leaseUntil, String host) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO ingest.page_fetch (id, url, host, item, status, attempts, next_attempt_at, lease_until, leased_by) "
                        + "VALUES (?, ?, ?, '{}'::jsonb, ?, ?, " + nextAttempt + ", " + (leaseUntil == null ? "NULL" : leaseUntil)
                        + ", ?)")) {
            st.setObject(1, id);
            st.setString(2, "http://" + host + "/");
            st.setString(3, host);
            st.setString(4, status);
            st.setInt(5, status.equals("leased") ? 1 : 0);
            st.setString(6, status.equals("leased") ? "crashed-worker/lease" : null);
            st.executeUpdate();
        }
        return id;
    }
}
