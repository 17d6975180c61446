package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * Fault 5 of RELIABILITY.md: the alert service is killed with {@code kill -9} while webhooks are in
 * flight (its receivers hold every request a few seconds before answering), and restarted by {@code
 * stack.sh up}. Afterwards every alert has been received by its subscription's receiver, correctly
 * signed, at least once; a webhook received twice carries the same webhook-id and the same data; the
 * service records every delivery as delivered. A delivery cut off by the kill is sent again when its
 * lease runs out (2 minutes by default).
 *
 * <p>{@code -Dpanelwatch.fault.subscriptions=N} (8), each receiving one alert per story of the three
 * Russia–DPRK items pushed.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertKilledFaultIT {

    private static final String SIGNAL = "russia-dprk-military";
    private static final int SUBSCRIPTIONS = Integer.getInteger("panelwatch.fault.subscriptions", 8);
    private static final Duration ANSWER_AFTER = Duration.ofSeconds(4);
    private static final Duration REDELIVERY = Duration.ofMinutes(Long.getLong("panelwatch.fault.redelivery-minutes", 6));

    private final SampleNews news = new SampleNews();
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<AlertApi.Subscription> subscriptions = new ArrayList<>();
    private AlertApi alerts;
    private AlertApi.Subscriber subscriber;

    @AfterAll
    void cleanUp() {
        subscriptions.forEach(s -> alerts.unsubscribe(subscriber, s.id()));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void everyAlertIsDeliveredAfterTheRestartAndRepeatsKeepTheirWebhookId() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        IngestApi ingest = new IngestApi(stack);
        ReadApi read = new ReadApi(stack);
        StackFaults faults = new StackFaults(stack);
        alerts = new AlertApi(stack);
        String since = Instant.now().minus(1, ChronoUnit.MINUTES).toString();

        subscriber = alerts.createSubscriber("fault alert-killed " + news.token());
        Map<String, WebhookReceiver> receiverBySubscription = new HashMap<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            WebhookReceiver receiver = new WebhookReceiver();
            receiver.answerAfter(ANSWER_AFTER);
            AlertApi.Subscription subscription = alerts.subscribeWebhook(subscriber, "fault " + news.token() + " " + i,
                    receiver.webhookUrl(), List.of(SIGNAL));
            receiver.useSecret(subscription.secret());
            receivers.add(receiver);
            subscriptions.add(subscription);
            receiverBySubscription.put(subscription.id(), receiver);
        }

        // Three stories; each subscription gets one alert per story that raised a signal.
        List<Map<String, Object>> items = List.of(news.missileDelivery(), news.droneTraining(), news.syndicatedAirDefenceStory().get(0));
        List<String> ids = ingest.push(items).stream().map(IngestApi.Receipt::id).toList();

        // Kill the service as soon as webhooks are in flight.
        long started = System.nanoTime();
        int inFlightAtKill = Await.until("webhooks in flight", Duration.ofMinutes(3), () -> {
            int n = receivers.stream().mapToInt(WebhookReceiver::unanswered).sum();
            return n >= Math.min(4, SUBSCRIPTIONS) ? Optional.of(n) : Optional.empty();
        });
        long pid = faults.kill9("alert-service");
        Instant killedAt = Instant.now();
        int receivedBeforeKill = receivers.stream().mapToInt(r -> r.deliveries(this::ours).size()).sum();
        System.out.printf("[fault 5] kill -9 alert-service (pid %d) at %.1f s with %d webhooks in flight, %d received%n",
                pid, (System.nanoTime() - started) / 1e9, inFlightAtKill, receivedBeforeKill);
        faults.restartMissing();
        Instant restartedAt = Instant.now();
        System.out.printf("[fault 5] alert-service ready again at %.1f s%n", (System.nanoTime() - started) / 1e9);

        List<Map<String, Object>> found = Await.until("signals for the three items", () -> {
            List<Map<String, Object>> all = read.signals(SIGNAL, s -> ids.contains(String.valueOf(s.get("itemId"))));
            return all.size() == ids.size() ? Optional.of(all) : Optional.empty();
        });
        long raised = found.stream().filter(s -> !Boolean.FALSE.equals(s.get("firstInStory"))).count();
        int expectedAlerts = (int) raised * SUBSCRIPTIONS;
        List<Map<String, Object>> created = Await.until(expectedAlerts + " alerts at GET /api/v1/alerts", () -> {
            List<Map<String, Object>> mine = alerts.alerts(subscriber, since);
            return mine.size() >= expectedAlerts ? Optional.of(mine) : Optional.empty();
        });
        assertThat(created).as("alerts: one per story per subscription").hasSize(expectedAlerts);

        // Every delivery ends delivered: the service itself saw each alert answered 2xx after the restart.
        Map<String, List<Map<String, Object>>> deliveriesBySubscription = Await.until("every delivery recorded as delivered",
                REDELIVERY, () -> {
                    Map<String, List<Map<String, Object>>> all = new HashMap<>();
                    for (AlertApi.Subscription s : subscriptions) {
                        all.put(s.id(), alerts.deliveries(subscriber, s.id()));
                    }
                    boolean done = all.values().stream().mapToInt(List::size).sum() >= expectedAlerts
                            && all.values().stream().flatMap(List::stream).allMatch(d -> "delivered".equals(d.get("status")));
                    return done ? Optional.of(all) : Optional.empty();
                });
        double deliveredSeconds = (System.nanoTime() - started) / 1e9;

        int received = 0;
        int receivedAfterRestart = 0;
        Set<String> allIds = new HashSet<>();
        for (AlertApi.Subscription s : subscriptions) {
            WebhookReceiver receiver = receiverBySubscription.get(s.id());
            List<WebhookReceiver.Delivery> got = receiver.deliveries(this::ours);
            Set<String> webhookIds = deliveriesBySubscription.get(s.id()).stream()
                    .map(d -> String.valueOf(d.get("id"))).collect(Collectors.toSet());
            Set<String> receivedIds = got.stream().map(WebhookReceiver.Delivery::webhookId).collect(Collectors.toSet());
            assertThat(receivedIds).as("webhook-ids received by subscription " + s.id() + " are its deliveries' ids")
                    .isEqualTo(webhookIds);
            assertThat(got).as("signatures").allSatisfy(d -> assertThat(d.failure()).isNull());
            for (String id : receivedIds) {
                Set<String> data = got.stream().filter(d -> id.equals(d.webhookId()))
                        .map(d -> Alert.of(d).data().toString()).collect(Collectors.toSet());
                assertThat(data).as("what the repeats under " + id + " said").hasSize(1);
            }
            received += got.size();
            receivedAfterRestart += (int) got.stream().filter(d -> !d.receivedAt().isBefore(restartedAt)).count();
            allIds.addAll(receivedIds);
        }
        assertThat(allIds).as("distinct webhook-ids received, one per alert").hasSize(expectedAlerts);
        assertThat(inFlightAtKill).as("webhooks in flight when the service was killed").isPositive();
        System.out.printf("[fault 5] subscriptions %d, alerts %d, webhooks in flight at the kill %d, received before the kill %d "
                        + "(killed at %s), received in all %d (%d after the restart), distinct webhook-ids %d, "
                        + "repeats %d (same id, same data); every delivery delivered after %.1f s%n",
                SUBSCRIPTIONS, expectedAlerts, inFlightAtKill, receivedBeforeKill, killedAt, received, receivedAfterRestart,
                allIds.size(), received - allIds.size(), deliveredSeconds);
    }

    private boolean ours(WebhookReceiver.Delivery delivery) {
        return delivery.body().contains(news.token());
    }
}
