package org.panelwatch.alert.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** Signals on the real broker become signed webhooks at a real HTTP receiver; retries, failure and 410. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebhookReceiver receiver = WebhookReceiver.get();

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void aSignalArrivesAsAWebhookWhoseSignatureASpecVerifierAccepts() throws Exception {
        Created ivy = AlertTestSupport.subscriber("Ivy");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(200);
        Hook hook = AlertTestSupport.webhookSubscription(ivy.apiKey(), url, word, "immediate");
        String signalId = AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 1);
        Received r = receiver.received(url).get(0);
        assertThat(r.header("webhook-id")).startsWith("msg_");
        assertThat(r.header("content-type")).startsWith("application/json");

        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(hook.secret(), Duration.ofMinutes(5));
        Instant now = Instant.now();
        assertThat(verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"),
                r.body(), now)).isTrue();
        // One byte changed in the body, the id or the timestamp: rejected.
        char[] tampered = r.body().toCharArray();
        tampered[tampered.length / 2] = tampered[tampered.length / 2] == 'a' ? 'b' : 'a';
        assertThat(verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"),
                new String(tampered), now)).isFalse();
        assertThat(verifier.verify(r.header("webhook-id") + "x", r.header("webhook-timestamp"), r.header("webhook-signature"),
                r.body(), now)).isFalse();
        // A replay ten minutes later is too old.
        assertThat(verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"),
                r.body(), now.plus(Duration.ofMinutes(10)))).isFalse();
        // Another subscription's secret does not verify it.
        Hook other = AlertTestSupport.webhookSubscription(ivy.apiKey(), receiver.endpoint(200), AlertTestSupport.uniqueWord(),
                "immediate");
        assertThat(new StandardWebhooksVerifier(other.secret(), Duration.ofMinutes(5)).verify(r.header("webhook-id"),
                r.header("webhook-timestamp"), r.header("webhook-signature"), r.body(), now)).isFalse();

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("signal.created");
        assertThat(body.path("timestamp").asText()).isNotBlank();
        JsonNode data = body.path("data");
        assertThat(data.path("signalId").asText()).isEqualTo(signalId);
        assertThat(data.path("title").asText()).isEqualTo("North Korean shells reach Russian front");
        assertThat(data.path("source").asText()).isEqualTo("Example News");
        assertThat(data.path("url").asText()).startsWith("https://news.example.org/items/");
        assertThat(data.path("published").asText()).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(data.path("score").asDouble()).isEqualTo(0.9);
        assertThat(data.path("severity").asText()).isEqualTo("high");
        assertThat(data.path("topics").get(0).path("resolutions").get(0).asText()).isEqualTo("UNSCR 1718 (2006) para 8(a)-(b)");
        assertThat(data.path("evidence").get(0).path("sentence").asText()).contains("artillery shells");
        assertThat(data.path("subscriptionId").asText()).isEqualTo(hook.id());
        // Beside the article's link, the console's pages of the item and its story (PANELWATCH_CONSOLE_URL).
        assertThat(data.path("consoleItemUrl").asText()).isEqualTo("https://console.example.org/items/" + data.path("itemId").asText());
        assertThat(data.path("consoleStoryUrl").asText()).isEqualTo("https://console.example.org/stories/" + data.path("storyId").asText());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(ivy.apiKey())
                .get("/api/v1/deliveries?subscriptionId=" + hook.id() + "&status=delivered").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", is(r.header("webhook-id")))
                .body("items[0].attempts", hasSize(1)).body("items[0].attempts[0].statusCode", is(200)));
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameWebhookIdThreeTimesAndTheDeliveryEndsDelivered() throws Exception {
        Created jo = AlertTestSupport.subscriber("Jo");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(200, 500, 302);
        Hook hook = AlertTestSupport.webhookSubscription(jo.apiKey(), url, word, "immediate");
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 3);
        List<String> ids = receiver.received(url).stream().map(x -> x.header("webhook-id")).distinct().toList();
        assertThat(ids).hasSize(1);
        // Same body on every retry; a fresh timestamp and signature each time, all valid.
        assertThat(receiver.received(url).stream().map(Received::body).distinct()).hasSize(1);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(hook.secret(), Duration.ofMinutes(5));
        for (Received r : receiver.received(url)) {
            assertThat(verifier.verify(r.header("webhook-id"), r.header("webhook-timestamp"), r.header("webhook-signature"),
                    r.body(), Instant.now())).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(jo.apiKey())
                .get("/api/v1/deliveries?subscriptionId=" + hook.id()).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", is("delivered")).body("items[0].attemptCount", is(3))
                .body("items[0].attempts.statusCode", org.hamcrest.Matchers.contains(500, 302, 200))
                .body("items[0].attempts.error", org.hamcrest.Matchers.contains("the receiver answered HTTP 500",
                        "the receiver answered HTTP 302", null)));
        Thread.sleep(1500);
        assertThat(receiver.received(url)).hasSize(3);
    }

    @Test
    void aReceiverThatNeverAnswersEndsFailedAfterTheSchedule() throws Exception {
        Created kim = AlertTestSupport.subscriber("Kim");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(WebhookReceiver.HANG);
        Hook hook = AlertTestSupport.webhookSubscription(kim.apiKey(), url, word, "immediate");
        AlertTestSupport.signal(word);

        // %test schedule: 1 s, 1 s, 1 s between 4 attempts, each cut at the 2 s total timeout.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().auth().oauth2(kim.apiKey())
                .get("/api/v1/deliveries?subscriptionId=" + hook.id() + "&status=failed").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].attemptCount", is(4))
                .body("items[0].lastError", is("the receiver did not answer in time"))
                .body("items[0].attempts.error", org.hamcrest.Matchers.everyItem(is("the receiver did not answer in time"))));
        assertThat(receiver.received(url)).hasSize(4);
        assertThat(receiver.received(url).stream().map(x -> x.header("webhook-id")).distinct()).hasSize(1);
    }

    @Test
    void a410DisablesTheSubscriptionAtOnceWithTheReasonShown() throws Exception {
        Created lee = AlertTestSupport.subscriber("Lee");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(410);
        Hook hook = AlertTestSupport.webhookSubscription(lee.apiKey(), url, word, "immediate");
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(lee.apiKey())
                .get("/api/v1/subscriptions/" + hook.id()).then().statusCode(200)
                .body("active", is(false)).body("disabledReason", startsWith("the endpoint answered 410 Gone")));
        given().auth().oauth2(lee.apiKey()).get("/api/v1/deliveries?subscriptionId=" + hook.id()).then()
                .body("items[0].status", is("failed")).body("items[0].attemptCount", is(1));
        // Disabled: the next signal makes no alert for it.
        AlertTestSupport.signal(word);
        Thread.sleep(1500);
        assertThat(receiver.received(url)).hasSize(1);
        // Saving it again re-enables it.
        given().auth().oauth2(lee.apiKey()).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "back", "channel", java.util.Map.of("type", "webhook", "url", url)))
                .put("/api/v1/subscriptions/" + hook.id()).then().statusCode(200).body("active", is(true))
                .body("disabledReason", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anEndpointThatHasFailedEverythingForTooLongIsDisabledWithTheReason() throws Exception {
        Created lou = AlertTestSupport.subscriber("Lou");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(500);
        Hook hook = AlertTestSupport.webhookSubscription(lou.apiKey(), url, word, "immediate");
        // As if every attempt had failed for six days (the limit is five).
        AlertTestSupport.update("UPDATE alert.subscription SET failing_since = now() - interval '6 days' WHERE id = ?::uuid",
                hook.id());
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(lou.apiKey())
                .get("/api/v1/subscriptions/" + hook.id()).then().statusCode(200)
                .body("active", is(false)).body("disabledReason", startsWith("every delivery attempt has failed since")));
        given().auth().oauth2(lou.apiKey()).get("/api/v1/deliveries?subscriptionId=" + hook.id()).then()
                .body("items[0].status", is("failed")).body("items[0].lastError", startsWith("subscription disabled"));
        Thread.sleep(1500);
        assertThat(receiver.received(url)).hasSize(1);
    }

    @Test
    void retryAfterOf429IsHonoured() throws Exception {
        Created max = AlertTestSupport.subscriber("Max");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(200, 429);
        receiver.answerHeader(url, "Retry-After", "3");
        AlertTestSupport.webhookSubscription(max.apiKey(), url, word, "immediate");
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 2);
        List<Received> got = receiver.received(url);
        // The schedule says 1 s; the receiver asked for 3 s.
        assertThat(got.get(1).receivedAtMillis() - got.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(2900);
    }

    @Test
    void oneAlertPerStoryAndARedeliveredSignalChangesNothing() throws Exception {
        Created noa = AlertTestSupport.subscriber("Noa");
        String word = AlertTestSupport.uniqueWord();
        String url = receiver.endpoint(200);
        Hook hook = AlertTestSupport.webhookSubscription(noa.apiKey(), url, word, "immediate");
        String story = "story-" + UUID.randomUUID();
        String signalA = UUID.randomUUID().toString();
        String itemA = UUID.randomUUID().toString();
        String jsonA = AlertTestSupport.signalJson(signalA, itemA, story, word, 0.8);
        AlertTestSupport.send(itemA, jsonA);
        AlertTestSupport.send(itemA, jsonA); // redelivery
        String itemB = UUID.randomUUID().toString();
        AlertTestSupport.send(itemB, AlertTestSupport.signalJson(UUID.randomUUID().toString(), itemB, story, word, 0.95));
        String marker = UUID.randomUUID().toString();
        String itemC = UUID.randomUUID().toString();
        AlertTestSupport.send(itemC, AlertTestSupport.signalJson(marker, itemC, "story-" + UUID.randomUUID(), word, 0.7));

        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.processed_signal WHERE signal_id = ?", marker) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(url).size() == 2);
        Thread.sleep(1000);
        assertThat(receiver.received(url)).hasSize(2);
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.alert WHERE subscription_id = ?::uuid", hook.id()))
                .isEqualTo(2);
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.alert WHERE subscription_id = ?::uuid AND story_key = ?",
                hook.id(), story)).isEqualTo(1);
    }

    @Test
    void filtersDecideWhoGetsASignal() throws Exception {
        Created ola = AlertTestSupport.subscriber("Ola");
        String word = AlertTestSupport.uniqueWord();
        String matching = receiver.endpoint(200);
        String tooStrict = receiver.endpoint(200);
        String otherTopic = receiver.endpoint(200);
        String otherLanguage = receiver.endpoint(200);
        createFiltered(ola.apiKey(), matching, java.util.Map.of("keywords", List.of(word.toUpperCase()),
                "topics", List.of("arms-transfer", "petroleum"), "minScore", 0.5, "languages", List.of("en")));
        createFiltered(ola.apiKey(), tooStrict, java.util.Map.of("keywords", List.of(word), "minScore", 0.95));
        createFiltered(ola.apiKey(), otherTopic, java.util.Map.of("keywords", List.of(word), "topics", List.of("petroleum")));
        createFiltered(ola.apiKey(), otherLanguage, java.util.Map.of("keywords", List.of(word), "languages", List.of("ko")));
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(matching).size() == 1);
        Thread.sleep(1000);
        assertThat(receiver.received(tooStrict)).isEmpty();
        assertThat(receiver.received(otherTopic)).isEmpty();
        assertThat(receiver.received(otherLanguage)).isEmpty();
    }

    private static void createFiltered(String key, String url, java.util.Map<String, Object> filter) {
        given().auth().oauth2(key).contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "filtered", "channel", java.util.Map.of("type", "webhook", "url", url),
                        "filter", filter))
                .post("/api/v1/subscriptions").then().statusCode(201);
    }
}
