package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 4 of RELIABILITY.md: the subscriber's webhook receiver fails every delivery for a minute,
 * then works again. Every alert must arrive, its retries with the same webhook-id (and the same
 * body), so the receiver can de-duplicate; none is lost. With the default retry schedule (5 s, then
 * 5 min) this takes about six minutes.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookReceiverDownFaultIT {

    private static final String SIGNAL = "russia-dprk-military";
    private static final Duration DOWN = Duration.ofSeconds(Long.getLong("panelwatch.fault.receiver-down-seconds", 60));
    private static final Duration REDELIVERY = Duration.ofMinutes(Long.getLong("panelwatch.fault.redelivery-minutes", 9));

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private AlertApi alerts;
    private AlertApi.Subscriber subscriber;
    private AlertApi.Subscription subscription;

    @AfterAll
    void cleanUp() {
        if (subscription != null) {
            alerts.unsubscribe(subscriber, subscription.id());
        }
        receiver.close();
    }

    @Test
    void everyAlertArrivesAfterTheReceiverComesBackWithTheSameWebhookIdOnEachRetry() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        IngestApi ingest = new IngestApi(stack);
        ReadApi read = new ReadApi(stack);
        alerts = new AlertApi(stack);
        String since = Instant.now().minus(1, ChronoUnit.MINUTES).toString();

        receiver.failWith(500);
        Instant downSince = Instant.now();
        subscriber = alerts.createSubscriber("fault receiver-down " + news.token());
        subscription = alerts.subscribeWebhook(subscriber, "fault " + news.token(), receiver.webhookUrl(), List.of(SIGNAL));
        receiver.useSecret(subscription.secret());

        // Three different stories, so three alerts.
        List<Map<String, Object>> items = List.of(news.missileDelivery(), news.droneTraining(), news.syndicatedAirDefenceStory().get(0));
        List<String> ids = ingest.push(items).stream().map(IngestApi.Receipt::id).toList();
        List<Map<String, Object>> found = Await.until("signals for the three items", () -> {
            List<Map<String, Object>> all = read.signals(SIGNAL, s -> ids.contains(String.valueOf(s.get("itemId"))));
            return all.size() == ids.size() ? Optional.of(all) : Optional.empty();
        });
        // Only a story's first item raises an alert.
        List<Map<String, Object>> raised = found.stream().filter(s -> !Boolean.FALSE.equals(s.get("firstInStory"))).toList();
        assertThat(raised).as("signals raised").isNotEmpty();
        List<Map<String, Object>> created = Await.until("the three alerts at GET /api/v1/alerts", () -> {
            List<Map<String, Object>> mine = alerts.alerts(subscriber, since);
            return mine.size() >= raised.size() ? Optional.of(mine) : Optional.empty();
        });
        assertThat(created).hasSize(raised.size());

        // On a loaded machine the first attempt can come after DOWN has passed: the receiver fails at
        // least until one attempt has been refused, else the test would prove nothing about retries.
        Await.until("a webhook tried while the receiver fails", () -> receiver.deliveries(this::ours).isEmpty()
                ? Optional.empty() : Optional.of(true));
        Duration left = DOWN.minus(Duration.between(downSince, Instant.now()));
        if (!left.isNegative()) {
            Await.sleep(left);
        }
        Set<String> seenWhileDown = receiver.deliveries(this::ours).stream()
                .map(WebhookReceiver.Delivery::webhookId).collect(Collectors.toSet());
        receiver.recover();

        List<WebhookReceiver.Delivery> accepted = Await.until("every alert accepted by the receiver after it came back", REDELIVERY, () -> {
            List<WebhookReceiver.Delivery> ok = receiver.deliveries(d -> ours(d) && d.answered() == 204);
            long distinct = ok.stream().map(WebhookReceiver.Delivery::webhookId).distinct().count();
            return distinct >= created.size() ? Optional.of(ok) : Optional.empty();
        });

        Set<String> delivered = accepted.stream().map(WebhookReceiver.Delivery::webhookId).collect(Collectors.toSet());
        assertThat(delivered).as("one webhook-id per alert").hasSize(created.size());
        assertThat(delivered).as("the ids tried while the receiver failed are the ids delivered later").containsAll(seenWhileDown);
        assertThat(seenWhileDown).as("alerts tried while the receiver failed").isNotEmpty();
        assertThat(receiver.deliveries(this::ours)).allSatisfy(d -> assertThat(d.failure()).as("signature").isNull());
        for (String id : delivered) {
            Set<String> alertData = receiver.deliveries(d -> id.equals(d.webhookId())).stream()
                    .map(d -> Alert.of(d).data().toString()).collect(Collectors.toSet());
            assertThat(alertData).as("what the retries under " + id + " said").hasSize(1);
        }
        Await.until("every delivery recorded as delivered", () -> {
            List<Map<String, Object>> all = alerts.deliveries(subscriber, subscription.id());
            return all.size() >= created.size() && all.stream().allMatch(d -> "delivered".equals(d.get("status")))
                    ? Optional.of(all) : Optional.empty();
        });
        System.out.printf("[fault 4] alerts %d, attempts while down %d, ids while down %d, delivered ids %d, attempts in all %d%n",
                created.size(), receiver.deliveries(d -> ours(d) && d.answered() != 204).size(), seenWhileDown.size(),
                delivered.size(), receiver.deliveries(this::ours).size());
    }

    private boolean ours(WebhookReceiver.Delivery delivery) {
        return delivery.body().contains(news.token());
    }
}
