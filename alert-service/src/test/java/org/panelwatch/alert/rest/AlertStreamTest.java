package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.SseClient;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** The live stream gives a subscriber its alerts as they are created and, on reconnect, what it missed. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class AlertStreamTest {

    @TestHTTPResource("/api/v1/alerts/stream")
    URL stream;

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void aClientThatReconnectsWithLastEventIdMissesNothing() throws Exception {
        Created quinn = AlertTestSupport.subscriber("Quinn");
        Created rae = AlertTestSupport.subscriber("Rae");
        String word = AlertTestSupport.uniqueWord();
        String subscription = AlertTestSupport.webhookSubscription(quinn.apiKey(), WebhookReceiver.get().endpoint(200), word,
                "immediate").id();
        // Rae's alerts for the same signals must never reach Quinn's stream.
        AlertTestSupport.webhookSubscription(rae.apiKey(), WebhookReceiver.get().endpoint(200), word, "immediate");
        Instant before = Instant.now().minusSeconds(1);

        String firstId;
        try (SseClient first = new SseClient(stream.toString(), quinn.apiKey(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.status() == 200);
            Thread.sleep(500);
            String signal1 = AlertTestSupport.signal(word);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.events().size() == 1);
            SseClient.Event e = first.events().get(0);
            assertThat(e.name()).isEqualTo("alert");
            assertThat(e.data()).contains(signal1).contains(subscription);
            firstId = e.id();
        }
        // While disconnected, two more alerts are created.
        String signal2 = AlertTestSupport.signal(word);
        String signal3 = AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.alert WHERE subscription_id = ?::uuid", subscription) == 3);

        try (SseClient again = new SseClient(stream.toString(), quinn.apiKey(), firstId)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> again.events().size() >= 2);
            Thread.sleep(700);
            List<SseClient.Event> missed = again.events();
            assertThat(missed).hasSize(2);
            assertThat(missed.get(0).data()).contains(signal2);
            assertThat(missed.get(1).data()).contains(signal3);
            assertThat(Long.parseLong(missed.get(0).id())).isGreaterThan(Long.parseLong(firstId));
            assertThat(Long.parseLong(missed.get(1).id())).isGreaterThan(Long.parseLong(missed.get(0).id()));
        }

        given().auth().oauth2(quinn.apiKey()).get("/api/v1/alerts?since=" + before).then().statusCode(200)
                .body("items", hasSize(3)).body("items[2].alert.signalId", is(signal3))
                .body("items.subscriptionId", org.hamcrest.Matchers.everyItem(is(subscription)));
        given().auth().oauth2(quinn.apiKey()).get("/api/v1/alerts?since=yesterday").then().statusCode(422);
        given().auth().oauth2(quinn.apiKey()).get("/api/v1/alerts?since=" + before + "&limit=2").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }
}
