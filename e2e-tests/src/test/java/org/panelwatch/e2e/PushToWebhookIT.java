package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The main path, as a policy team meets it: an item pushed to the ingest API is tagged and stored,
 * becomes a russia-dprk-military signal, and reaches a subscriber's webhook signed as the Standard
 * Webhooks specification says; the read API shows what the alert said.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushToWebhookIT {

    private static final String SIGNAL = "russia-dprk-military";

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private IngestApi ingest;
    private ReadApi read;
    private AlertApi alerts;
    private AlertApi.Subscriber subscriber;
    private AlertApi.Subscription subscription;
    private Map<String, Object> item;
    private IngestApi.Receipt receipt;
    private final String startedAt = Instant.now().minus(1, ChronoUnit.MINUTES).toString();

    @BeforeAll
    void subscribeAndPush() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        ingest = new IngestApi(stack);
        read = new ReadApi(stack);
        alerts = new AlertApi(stack);

        subscriber = alerts.createSubscriber("e2e push-to-webhook " + news.token());
        subscription = alerts.subscribeWebhook(subscriber, "e2e " + news.token(), receiver.webhookUrl(), List.of(SIGNAL));
        assertThat(subscription.secret()).as("the webhook secret, shown once").startsWith("whsec_");
        receiver.useSecret(subscription.secret());

        item = news.missileDelivery();
        List<IngestApi.Receipt> receipts = ingest.push(item);
        assertThat(receipts).hasSize(1);
        receipt = receipts.get(0);
    }

    @AfterAll
    void cleanUp() {
        if (subscription != null) {
            alerts.unsubscribe(subscriber, subscription.id());
        }
        receiver.close();
    }

    @Test
    @Order(1)
    void pushedItemIsAcceptedAndRecognisedWhenPushedAgain() {
        assertThat(receipt.status()).isEqualTo("accepted");
        assertThat(receipt.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        List<IngestApi.Receipt> again = ingest.push(item);
        assertThat(again).containsExactly(new IngestApi.Receipt(receipt.id(), "duplicate"));
    }

    @Test
    @Order(2)
    void itemIsTaggedAndStored() {
        JsonPath stored = read.awaitItem(receipt.id());

        assertThat(stored.getString("title")).isEqualTo(item.get("title"));
        assertThat(stored.getString("url")).isEqualTo(item.get("url"));
        List<String> topics = stored.getList("topics.id");
        assertThat(topics).as("topics of a report of missiles delivered to Russia").contains("arms-transfer");
        assertThat(stored.getList("topics.score", Float.class)).allSatisfy(score -> assertThat(score).isBetween(0f, 1f));
        assertThat(signalTypes(stored)).contains(SIGNAL);
    }

    @Test
    @Order(3)
    void signalIsListedWithItsEvidence() {
        Map<String, Object> signal = awaitSignal();

        assertThat(((Number) signal.get("score")).doubleValue()).isBetween(0.0, 1.0);
        assertThat(signal.get("severity")).isIn("low", "medium", "high");
        List<String> evidence = evidenceSentences(signal.get("evidence"));
        assertThat(evidence).as("evidence sentences").isNotEmpty();
        String text = squash(item.get("title") + " " + item.get("body"));
        assertThat(evidence).allSatisfy(sentence -> assertThat(text).contains(squash(sentence)));
    }

    @Test
    @Order(4)
    void webhookArrivesSignedAndVerifies() {
        WebhookReceiver.Delivery delivery = awaitDelivery();

        assertThat(delivery.failure()).as("signature check of the first delivery").isNull();
        assertThat(receiver.deliveries(this::ours)).allSatisfy(d -> assertThat(d.failure()).isNull());
        Alert alert = Alert.of(delivery);
        assertThat(alert.type()).isEqualTo("signal.created");
        assertThat(alert.title()).isEqualTo(item.get("title"));
        assertThat(alert.url()).isEqualTo(item.get("url"));
        assertThat(alert.evidence()).isNotEmpty();
    }

    @Test
    @Order(5)
    void readApiShowsWhatTheAlertSaid() {
        Alert alert = Alert.of(awaitDelivery());
        Map<String, Object> signal = awaitSignal();
        JsonPath stored = read.awaitItem(receipt.id());

        if (alert.itemId() != null) {
            assertThat(alert.itemId()).isEqualTo(receipt.id());
        }
        assertThat(alert.score()).isCloseTo(((Number) signal.get("score")).doubleValue(), within(1e-6));
        assertThat(alert.severity()).isEqualTo(signal.get("severity"));
        // The read API may show more evidence (a matching title, say) than the alert carried; never less.
        assertThat(alert.evidence()).isSubsetOf(evidenceSentences(signal.get("evidence")));
        assertThat(stored.getString("title")).isEqualTo(alert.title());
        assertThat(stored.getString("url")).isEqualTo(alert.url());
        List<String> storedTopics = stored.getList("topics.id");
        assertThat(storedTopics).containsAll(alert.topicIds());

        // The subscriber's own record: the alert is listed, and its delivery ends delivered.
        List<Map<String, Object>> listed = Await.until("the alert at GET /api/v1/alerts", () -> {
            List<Map<String, Object>> mine = alerts.alerts(subscriber, startedAt).stream()
                    .filter(a -> String.valueOf(a).contains(receipt.id()) || String.valueOf(a).contains(news.token()))
                    .toList();
            return mine.isEmpty() ? Optional.empty() : Optional.of(mine);
        });
        assertThat(listed).hasSize(1);
        Await.until("a delivered attempt at GET /api/v1/deliveries", () -> alerts.deliveries(subscriber, subscription.id()).stream()
                .filter(d -> "delivered".equals(d.get("status"))).findFirst());
    }

    private Map<String, Object> awaitSignal() {
        return Await.until("a " + SIGNAL + " signal for item " + receipt.id() + " at GET /api/v1/signals",
                () -> read.signals(SIGNAL, s -> receipt.id().equals(s.get("itemId"))).stream().findFirst());
    }

    private WebhookReceiver.Delivery awaitDelivery() {
        return Await.until("a webhook about " + news.token(), () -> receiver.deliveries(this::ours).stream().findFirst());
    }

    private boolean ours(WebhookReceiver.Delivery delivery) {
        return delivery.body().contains(news.token());
    }

    static List<String> signalTypes(JsonPath item) {
        List<Object> signals = item.getList("signals");
        return signals == null ? List.of() : signals.stream()
                .map(s -> s instanceof Map<?, ?> m ? String.valueOf(m.get("type")) : String.valueOf(s)).toList();
    }

    static List<String> evidenceSentences(Object evidence) {
        if (!(evidence instanceof List<?> list)) {
            return List.of();
        }
        // The signal event calls an evidence sentence "sentence", the read API "text".
        return list.stream().map(e -> e instanceof Map<?, ?> m ? String.valueOf(m.containsKey("sentence") ? m.get("sentence") : m.get("text"))
                : String.valueOf(e)).toList();
    }

    static String squash(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
