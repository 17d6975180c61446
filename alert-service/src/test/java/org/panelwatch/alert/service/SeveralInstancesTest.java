package org.panelwatch.alert.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.repository.AlertRepository;
import org.panelwatch.alert.repository.NewAlert;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.SseClient;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * What several instances on one database do at once, played by concurrent transactions of this one: two intakes
 * whose alerts commit out of id order, and digest rounds racing for the same due periods.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class SeveralInstancesTest {

    @TestHTTPResource("/api/v1/alerts/stream")
    URL stream;

    @Inject
    AlertRepository alerts;

    @Inject
    DigestService digests;

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    /**
     * Instance A's intake takes alert id n and is still open when instance B's takes n+1 and commits. A stream
     * that read n+1 must still get n when A commits (and so must a client resuming with Last-Event-ID).
     */
    @Test
    void alertsOfTwoIntakesReachTheStreamWhateverOrderTheyCommitIn() throws Exception {
        Created ray = AlertTestSupport.subscriber("Ray");
        String subscription = AlertTestSupport.emailSubscription(ray.apiKey(), "ray@example.org",
                AlertTestSupport.uniqueWord(), "immediate");
        UUID subscriptionId = UUID.fromString(subscription);
        UUID subscriberId = UUID.fromString(ray.id());
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try (SseClient client = new SseClient(stream.toString(), ray.apiKey(), null)) {
            assertThat(client.awaitStatus()).isEqualTo(200);
            CountDownLatch aInserted = new CountDownLatch(1);
            CountDownLatch aMayCommit = new CountDownLatch(1);
            Future<?> a = instances.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                alerts.insertAll(List.of(alert(subscriptionId, subscriberId, "story-a")));
                aInserted.countDown();
                waitFor(aMayCommit);
            }));
            assertThat(aInserted.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> b = instances.submit(() -> QuarkusTransaction.requiringNew().run(
                    () -> alerts.insertAll(List.of(alert(subscriptionId, subscriberId, "story-b")))));
            // Several polls of the stream (every 250 ms in %test) while A is still open.
            Thread.sleep(1_500);
            aMayCommit.countDown();
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);

            List<String> stored = AlertTestSupport.strings(
                    "SELECT id::text FROM alert.alert WHERE subscription_id = ? ORDER BY id", subscriptionId);
            assertThat(stored).hasSize(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.events().size() >= 2);
            assertThat(client.events().stream().map(SseClient.Event::id).toList()).containsExactlyElementsOf(stored);
            // The list, read with the cursor of the first alert, has the second.
            given().auth().oauth2(ray.apiKey()).queryParam("cursor", stored.get(0)).get("/api/v1/alerts").then()
                    .statusCode(200).body("items.size()", org.hamcrest.Matchers.is(1));
        } finally {
            instances.shutdownNow();
        }
    }

    /** Four instances' digest rounds at once over the same due subscriptions: each period is sent once. */
    @Test
    void eachDigestPeriodIsSentOnceWhenSeveralInstancesCloseItAtOnce() throws Exception {
        Created sol = AlertTestSupport.subscriber("Sol");
        String word = AlertTestSupport.uniqueWord();
        String url = WebhookReceiver.get().endpoint(200);
        List<String> hooks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hooks.add(AlertTestSupport.webhookSubscription(sol.apiKey(), url, word, "digest-hourly").id());
        }
        AlertTestSupport.signal(word);
        AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.alert WHERE subscriber_id = ?", UUID.fromString(sol.id())) == 40);

        AlertTestSupport.update("UPDATE alert.subscription SET digest_due_at = now() - interval '1 minute' "
                + "WHERE subscriber_id = ?", UUID.fromString(sol.id()));
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(CompletableFuture.runAsync(() -> {
                    waitFor(start);
                    QuarkusTransaction.requiringNew().call(digests::closeRound);
                }, instances));
            }
            start.countDown();
            CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            instances.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiver.get().received(url).size() >= 20);
        Thread.sleep(1_500);
        assertThat(WebhookReceiver.get().received(url)).hasSize(20);
        for (String hook : hooks) {
            assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.delivery WHERE subscription_id = ?::uuid "
                    + "AND kind = 'digest'", hook)).as("digests of " + hook).isEqualTo(1);
        }
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.alert WHERE subscriber_id = ? AND digested_at IS NULL",
                UUID.fromString(sol.id()))).isZero();
    }

    private static NewAlert alert(UUID subscriptionId, UUID subscriberId, String story) {
        return new NewAlert(subscriptionId, subscriberId, "signal-" + UUID.randomUUID(), story + "-" + UUID.randomUUID(),
                "{\"title\":\"" + story + "\"}");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
