package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same story from three outlets is one story with one signal, and a subscriber hears about it
 * once: the contract's "one alert per story per subscription".
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyndicatedStoryIT {

    private static final String SIGNAL = "russia-dprk-military";
    /** After the first alert, how long a second one would have had to arrive. */
    private static final Duration QUIET_AFTER_ALERT = Duration.ofSeconds(15);

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<Map<String, Object>> copies = news.syndicatedAirDefenceStory();
    private ReadApi read;
    private AlertApi alerts;
    private AlertApi.Subscriber subscriber;
    private AlertApi.Subscription subscription;
    private List<String> ids;

    @BeforeAll
    void subscribeAndPushTheThreeCopies() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        IngestApi ingest = new IngestApi(RunningStack.stack());
        read = new ReadApi(RunningStack.stack());
        alerts = new AlertApi(RunningStack.stack());

        subscriber = alerts.createSubscriber("e2e syndicated story " + news.token());
        subscription = alerts.subscribeWebhook(subscriber, "e2e " + news.token(), receiver.webhookUrl(), List.of(SIGNAL));
        receiver.useSecret(subscription.secret());

        List<IngestApi.Receipt> receipts = ingest.push(copies);
        assertThat(receipts).extracting(IngestApi.Receipt::status).containsExactly("accepted", "accepted", "accepted");
        ids = receipts.stream().map(IngestApi.Receipt::id).toList();
        assertThat(Set.copyOf(ids)).as("three URLs, three items").hasSize(3);
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
    void theThreeCopiesAreOneStory() {
        List<JsonPath> stored = ids.stream().map(read::awaitItem).toList();
        Set<String> storyIds = stored.stream().map(item -> item.getString("storyId")).collect(Collectors.toSet());
        assertThat(storyIds).as("story ids of the three copies").hasSize(1).doesNotContainNull();

        JsonPath story = read.story(storyIds.iterator().next());
        assertThat(story.getList("items.id", String.class)).containsAll(ids);

        // A copy points at the item it copies, which is one of the three.
        stored.stream().map(item -> item.getString("duplicateOf")).filter(d -> d != null)
                .forEach(original -> assertThat(ids).contains(original));
    }

    @Test
    @Order(2)
    void theStoryHasOneSignal() {
        Await.until("a signal for the story", () -> nonEmpty(signals()));
        Await.sleep(Duration.ofSeconds(3));
        // The read API may list a finding per copy; only the story's first item raises the signal.
        List<Map<String, Object>> raised = signals().stream().filter(s -> !Boolean.FALSE.equals(s.get("firstInStory"))).toList();
        assertThat(raised).as("signals raised for the three copies").hasSize(1);
    }

    @Test
    @Order(3)
    void theSubscriberGetsOneAlert() {
        WebhookReceiver.Delivery first = Await.until("an alert about the story",
                () -> receiver.deliveries(this::ours).stream().findFirst());
        assertThat(first.verified()).as("signature check: " + first.failure()).isTrue();
        assertThat(Alert.of(first).url()).isIn(copies.stream().map(c -> c.get("url")).toList());

        Await.sleep(QUIET_AFTER_ALERT);
        Set<String> webhookIds = receiver.deliveries(this::ours).stream()
                .map(WebhookReceiver.Delivery::webhookId).collect(Collectors.toSet());
        assertThat(webhookIds).as("distinct webhook-ids about the story (retries share one)").hasSize(1);
    }

    private List<Map<String, Object>> signals() {
        return read.signals(SIGNAL, s -> ids.contains(String.valueOf(s.get("itemId"))));
    }

    private boolean ours(WebhookReceiver.Delivery delivery) {
        return delivery.body().contains(news.token());
    }

    private static <T> Optional<List<T>> nonEmpty(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list);
    }
}
