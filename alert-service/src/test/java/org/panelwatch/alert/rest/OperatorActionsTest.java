package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.AlertTestSupport.Hook;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.StandardWebhooksVerifier;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.alert.support.WebhookReceiver.Received;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * What an operator does to subscribers and secrets: delete a subscriber with everything it owns, rotate its key,
 * rotate a webhook secret with both secrets signing during the overlap; each written to the audit log.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class OperatorActionsTest {

    private final WebhookReceiver receiver = WebhookReceiver.get();

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void aDeletedSubscriberTakesItsSubscriptionsAlertsAndDeliveriesWithItAndItsKeyStopsWorking() throws Exception {
        Created kim = AlertTestSupport.subscriber("Kim");
        Created lee = AlertTestSupport.subscriber("Lee");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(200);
        AlertTestSupport.webhookSubscription(kim.apiKey(), url, word, "immediate");
        AlertTestSupport.webhookSubscription(lee.apiKey(), url, word, "immediate");
        AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 2);
        UUID kimId = UUID.fromString(kim.id());
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.delivery_attempt a JOIN alert.delivery d "
                + "ON d.id = a.delivery_id WHERE d.subscriber_id = ?", kimId)).isEqualTo(1);

        // Only an admin deletes subscribers.
        given().auth().oauth2(lee.apiKey()).delete("/api/v1/subscribers/" + kim.id()).then().statusCode(403);
        given().auth().oauth2(AlertTestSupport.ADMIN).delete("/api/v1/subscribers/" + kim.id()).then().statusCode(204);

        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscriber WHERE id = ?", kimId)).isZero();
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscription WHERE subscriber_id = ?", kimId)).isZero();
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.alert WHERE subscriber_id = ?", kimId)).isZero();
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.delivery WHERE subscriber_id = ?", kimId)).isZero();
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.delivery_attempt a WHERE NOT EXISTS "
                + "(SELECT 1 FROM alert.delivery d WHERE d.id = a.delivery_id)")).isZero();
        given().auth().oauth2(kim.apiKey()).get("/api/v1/subscriptions").then().statusCode(401);
        // The other subscriber keeps everything.
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.alert WHERE subscriber_id = ?",
                UUID.fromString(lee.id()))).isEqualTo(1);
        given().auth().oauth2(lee.apiKey()).get("/api/v1/subscriptions").then().statusCode(200);

        given().auth().oauth2(AlertTestSupport.ADMIN).delete("/api/v1/subscribers/" + kim.id()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        assertThat(AlertTestSupport.strings("SELECT actor || ' ' || action FROM alert.audit_event WHERE target = ? ORDER BY id",
                kim.id())).containsExactly("admin subscriber.created", "admin subscriber.deleted");
    }

    @Test
    void aRotatedKeyIsShownOnceAndTheOldKeyStopsWorkingAtOnce() throws Exception {
        Created mia = AlertTestSupport.subscriber("Mia");
        String sub = AlertTestSupport.webhookSubscription(mia.apiKey(), receiver.endpoint(200),
                AlertTestSupport.uniqueWord(), "immediate").id();

        String newKey = given().auth().oauth2(AlertTestSupport.ADMIN).post("/api/v1/subscribers/" + mia.id() + "/key")
                .then().statusCode(200).body("id", equalTo(mia.id())).extract().path("apiKey");
        assertThat(newKey).startsWith("pwsub_").isNotEqualTo(mia.apiKey());

        given().auth().oauth2(mia.apiKey()).get("/api/v1/subscriptions/" + sub).then().statusCode(401);
        given().auth().oauth2(newKey).get("/api/v1/subscriptions/" + sub).then().statusCode(200);
        // Stored as a hash only.
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscriber WHERE api_key_hash LIKE ?", "%pwsub%"))
                .isZero();
        // A subscriber cannot rotate keys, not even its own; an unknown subscriber is 404.
        given().auth().oauth2(newKey).post("/api/v1/subscribers/" + mia.id() + "/key").then().statusCode(403);
        given().auth().oauth2(AlertTestSupport.ADMIN).post("/api/v1/subscribers/" + UUID.randomUUID() + "/key")
                .then().statusCode(404);
        assertThat(AlertTestSupport.strings("SELECT actor || ' ' || action FROM alert.audit_event WHERE target = ? ORDER BY id",
                mia.id())).containsExactly("admin subscriber.created", "admin subscriber.key-rotated");
    }

    @Test
    void duringTheOverlapBothSecretsSignAndAfterItOnlyTheNewOne() throws Exception {
        Created ned = AlertTestSupport.subscriber("Ned");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(200);
        Hook hook = AlertTestSupport.webhookSubscription(ned.apiKey(), url, word, "immediate");

        Instant before = Instant.now();
        String newSecret = given().auth().oauth2(ned.apiKey()).post("/api/v1/subscriptions/" + hook.id() + "/secret")
                .then().statusCode(200).body("subscriptionId", equalTo(hook.id())).extract().path("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(hook.secret());
        Instant until = Instant.parse(AlertTestSupport.strings(
                "SELECT to_char(previous_secret_until AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                        + "FROM alert.subscription WHERE id = ?", UUID.fromString(hook.id())).get(0));
        // The default overlap: a day.
        assertThat(until).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(2),
                Instant.now().plus(Duration.ofHours(24)).plusSeconds(2));

        AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 1);
        Received during = receiver.received(url).get(0);
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(hook.secret(), during)).as("old secret during the overlap").isTrue();
        assertThat(verifies(newSecret, during)).as("new secret during the overlap").isTrue();

        // The test alert is signed the same way.
        given().auth().oauth2(ned.apiKey()).post("/api/v1/subscriptions/" + hook.id() + "/test").then().statusCode(200)
                .body("status", equalTo("delivered"));
        Received test = receiver.received(url).get(1);
        assertThat(verifies(hook.secret(), test)).isTrue();
        assertThat(verifies(newSecret, test)).isTrue();

        // The overlap is over: one signature, by the new secret only.
        AlertTestSupport.update("UPDATE alert.subscription SET previous_secret_until = now() - interval '1 second' "
                + "WHERE id = ?", UUID.fromString(hook.id()));
        AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 3);
        Received after = receiver.received(url).get(2);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(verifies(newSecret, after)).isTrue();
        assertThat(verifies(hook.secret(), after)).isFalse();

        // The secret is never listed again, and rotating is the owner's or the admin's business only.
        given().auth().oauth2(ned.apiKey()).get("/api/v1/subscriptions/" + hook.id()).then().statusCode(200)
                .body("secret", equalTo(null));
        Created eve = AlertTestSupport.subscriber("Eve");
        given().auth().oauth2(eve.apiKey()).post("/api/v1/subscriptions/" + hook.id() + "/secret").then().statusCode(404);
        given().auth().oauth2(AlertTestSupport.ADMIN).post("/api/v1/subscriptions/" + hook.id() + "/secret")
                .then().statusCode(200);
        assertThat(AlertTestSupport.strings("SELECT actor || ' ' || action FROM alert.audit_event WHERE target = ? "
                + "AND action = 'subscription.secret-rotated' ORDER BY id", hook.id()))
                .containsExactly(ned.id() + " subscription.secret-rotated", "admin subscription.secret-rotated");
    }

    @Test
    void anEmailSubscriptionHasNoSecretToRotate() {
        Created ora = AlertTestSupport.subscriber("Ora");
        String id = AlertTestSupport.emailSubscription(ora.apiKey(), "ora@example.org", AlertTestSupport.uniqueWord(),
                "immediate");
        given().auth().oauth2(ora.apiKey()).post("/api/v1/subscriptions/" + id + "/secret").then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void subscriptionChangesAreAuditedWithTheirActor() throws Exception {
        Created pia = AlertTestSupport.subscriber("Pia");
        String id = AlertTestSupport.emailSubscription(pia.apiKey(), "pia@example.org", AlertTestSupport.uniqueWord(),
                "immediate");
        given().auth().oauth2(AlertTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed", "channel", Map.of("type", "email", "address", "pia@example.org"),
                        "filter", Map.of("keywords", List.of("x"))))
                .put("/api/v1/subscriptions/" + id).then().statusCode(200);
        given().auth().oauth2(pia.apiKey()).delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        assertThat(AlertTestSupport.strings("SELECT actor || ' ' || action FROM alert.audit_event WHERE target = ? ORDER BY id",
                id)).containsExactly(pia.id() + " subscription.created", "admin subscription.updated",
                        pia.id() + " subscription.deleted");
    }

    private static boolean verifies(String secret, Received r) {
        return new StandardWebhooksVerifier(secret, Duration.ofMinutes(5)).verify(r.header("webhook-id"),
                r.header("webhook-timestamp"), r.header("webhook-signature"), r.body(), Instant.now());
    }
}
