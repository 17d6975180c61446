package org.panelwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One subscriber does its worst within what its key allows, another's alerts must still arrive as
 * usual (RELIABILITY.md, fault 7). The attacker fills its subscription quota, every subscription at the
 * keyword limits, opens every stream it may and more, and sends the oversized and tricky requests an
 * outside probe found accepted; the victim's webhook for a new Russia–DPRK item must arrive within the
 * usual latency, measured before the attack in the same run.
 *
 * <p>The limits are the services' defaults (alert-service README); a stack started with other limits
 * passes them as {@code panelwatch.limits.*} system properties.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileSubscriberIT {

    private static final String SIGNAL = "russia-dprk-military";
    private static final int MAX_SUBSCRIPTIONS = Integer.getInteger("panelwatch.limits.subscriptions", 50);
    private static final int MAX_KEYWORDS = Integer.getInteger("panelwatch.limits.keywords", 50);
    private static final int MAX_KEYWORD_LENGTH = Integer.getInteger("panelwatch.limits.keyword-length", 64);
    private static final int MAX_STREAMS = Integer.getInteger("panelwatch.limits.streams-per-key", 5);
    /** The victim's webhook may take this much longer under attack than before it, and never more than the e2e timeout. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver victimReceiver = new WebhookReceiver();
    private final WebhookReceiver attackerReceiver = new WebhookReceiver();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<InputStream> openStreams = new ArrayList<>();
    private final List<String> attackerSubscriptions = new ArrayList<>();
    private RunningStack.Stack stack;
    private IngestApi ingest;
    private AlertApi alerts;
    private AlertApi.Subscriber victim;
    private AlertApi.Subscriber attacker;
    private AlertApi.Subscription victimSubscription;
    private Duration latencyBefore;

    @BeforeAll
    void subscribeVictimAndMeasureTheUsualLatency() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        stack = RunningStack.stack();
        ingest = new IngestApi(stack);
        alerts = new AlertApi(stack);
        victim = alerts.createSubscriber("e2e hostile victim " + news.token());
        attacker = alerts.createSubscriber("e2e hostile attacker " + news.token());
        victimSubscription = alerts.subscribeWebhook(victim, "victim " + news.token(), victimReceiver.webhookUrl(), List.of(SIGNAL));
        victimReceiver.useSecret(victimSubscription.secret());
        latencyBefore = pushAndAwaitVictimWebhook(news.missileDelivery());
        System.out.printf("hostile subscriber: victim webhook %d ms after the push, before the attack%n", latencyBefore.toMillis());
    }

    @AfterAll
    void cleanUp() {
        for (InputStream stream : openStreams) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
        attackerSubscriptions.forEach(id -> alerts.unsubscribe(attacker, id));
        if (victimSubscription != null) {
            alerts.unsubscribe(victim, victimSubscription.id());
        }
        victimReceiver.close();
        attackerReceiver.close();
    }

    @Test
    @Order(1)
    void oversizedSubscriptionsAreRefusedWithEveryBadFieldNamed() {
        String url = attackerReceiver.webhookUrl();
        List<Map<String, Object>> oversized = List.of(
                subscription(Map.of("type", "webhook", "url", url), Map.of("keywords", words(100_000, 8))),
                subscription(Map.of("type", "webhook", "url", url), Map.of("keywords", List.of("x".repeat(2_000_000)))),
                subscription(Map.of("type", "webhook", "url", url + "?" + "a".repeat(1_000_000)), Map.of()),
                subscription(Map.of("type", "email", "address", "a".repeat(1_000_000) + "@example.org"), Map.of()),
                subscription(Map.of("type", "webhook", "url", url),
                        Map.of("languages", IntStream.range(0, 200_000).mapToObj(i -> "en").toList())));
        for (Map<String, Object> body : oversized) {
            Response answer = asAttacker().body(body).post("/api/v1/subscriptions");
            assertRefusedPlainly(answer, 422);
        }

        Response several = asAttacker().body(subscription(
                        Map.of("type", "webhook", "url", url + "?" + "a".repeat(1_000_000)),
                        Map.of("keywords", words(100_000, 8), "languages", IntStream.range(0, 200_000).mapToObj(i -> "en").toList())))
                .post("/api/v1/subscriptions");
        assertRefusedPlainly(several, 422);
        assertThat(several.jsonPath().getList("errors.field", String.class))
                .as("one answer names every bad field")
                .anyMatch(f -> f.contains("url")).anyMatch(f -> f.contains("keywords")).anyMatch(f -> f.contains("languages"));
    }

    @Test
    @Order(2)
    void trickyAddressesAndValuesAreRefused() {
        assertRefusedPlainly(asAttacker().body(subscription(Map.of("type", "email", "address", "a@example.org,b"), Map.of()))
                .post("/api/v1/subscriptions"), 422);
        // Metadata addresses in embedded IPv4 forms: refused even where the local profile allows private receivers.
        for (String host : List.of("[64:ff9b::169.254.169.254]", "[::169.254.169.254]", "[::ffff:169.254.169.254]",
                "[2002:a9fe:a9fe::]", "[2001:0:4136:e378:8000:63bf:5601:5601]")) {
            assertRefusedPlainly(asAttacker().body(subscription(Map.of("type", "webhook", "url", "http://" + host + "/latest/meta-data/"),
                    Map.of())).post("/api/v1/subscriptions"), 422);
            assertRefusedPlainly(given().baseUri(stack.ingestUrl()).auth().oauth2(stack.ingestKey()).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://" + host + "/latest/meta-data/", "name", "probe " + news.token()))
                    .post("/api/v1/feeds"), 422);
        }
        Map<String, Object> ownerless = subscription(Map.of("type", "webhook", "url", attackerReceiver.webhookUrl()), Map.of());
        assertRefusedPlainly(given().baseUri(stack.alertUrl()).auth().oauth2(stack.adminKey()).contentType(ContentType.JSON)
                .body(ownerless).post("/api/v1/subscriptions"), 422);

        assertRefusedPlainly(given().baseUri(stack.analysisUrl()).auth().oauth2(stack.readerKey())
                .urlEncodingEnabled(false).get("/api/v1/signals?minScore=NaN"), 422);
        for (String path : List.of("/api/v1/deliveries?limit=abc", "/api/v1/alerts?limit=abc", "/api/v1/deliveries?subscriptionId=xyz")) {
            assertRefusedPlainly(given().baseUri(stack.alertUrl()).auth().oauth2(attacker.apiKey()).urlEncodingEnabled(false).get(path), 400);
        }
        assertRefusedPlainly(given().baseUri(stack.alertUrl()).auth().oauth2(attacker.apiKey()).urlEncodingEnabled(false)
                .get("/api/v1/alerts?since=" + "x".repeat(6_000)), 414);
    }

    @Test
    @Order(3)
    void aWebhookTestDoesNotTellOpenPortsFromClosedOnes() {
        // Port 9 (discard) has no listener here; the receiver's port has one that answers 401 to an unsigned test.
        String closed = subscribeAttacker("http://127.0.0.1:9/probe", List.of());
        Response answer = asAttacker().post("/api/v1/subscriptions/{id}/test", closed);
        assertThat(answer.statusCode()).isLessThan(500);
        assertThat(answer.asString()).doesNotContainIgnoringCase("refused").doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    @Order(4)
    void theQuotaOfSubscriptionsAtTheKeywordLimitsIsAllOneKeyGets() {
        Random random = new Random(news.token().hashCode());
        while (attackerSubscriptions.size() < MAX_SUBSCRIPTIONS) {
            List<String> keywords = IntStream.range(0, MAX_KEYWORDS)
                    .mapToObj(i -> randomWord(random, MAX_KEYWORD_LENGTH)).toList();
            subscribeAttacker(attackerReceiver.webhookUrl(), keywords);
        }
        Response over = asAttacker().body(subscription(Map.of("type", "webhook", "url", attackerReceiver.webhookUrl()), Map.of()))
                .post("/api/v1/subscriptions");
        assertRefusedPlainly(over, 409);
        System.out.printf("hostile subscriber: %d subscriptions of %d keywords of %d characters accepted, the next refused %d%n",
                attackerSubscriptions.size(), MAX_KEYWORDS, MAX_KEYWORD_LENGTH, over.statusCode());
    }

    @Test
    @Order(5)
    void streamsPastThePerKeyCapAreRefusedWithRetryAfter() throws Exception {
        for (int i = 0; i < MAX_STREAMS; i++) {
            HttpResponse<InputStream> stream = openStream(attacker.apiKey());
            assertThat(stream.statusCode()).as("stream %d of %d", i + 1, MAX_STREAMS).isEqualTo(200);
            openStreams.add(stream.body());
        }
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<InputStream> stream = openStream(attacker.apiKey());
            try (InputStream body = stream.body()) {
                assertThat(stream.statusCode()).isEqualTo(429);
                assertThat(stream.headers().firstValue("Retry-After")).isPresent();
                assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                refused++;
            }
        }
        HttpResponse<InputStream> victimStream = openStream(victim.apiKey());
        assertThat(victimStream.statusCode()).as("another key still gets its stream").isEqualTo(200);
        openStreams.add(victimStream.body());
        System.out.printf("hostile subscriber: %d streams open for one key, %d more refused with 429%n", MAX_STREAMS, refused);
    }

    @Test
    @Order(6)
    void theVictimsAlertStillArrivesWithinTheUsualLatency() {
        Duration during = pushAndAwaitVictimWebhook(news.droneTraining());
        System.out.printf("hostile subscriber: victim webhook %d ms after the push with the attacker at its limits (%d ms before)%n",
                during.toMillis(), latencyBefore.toMillis());
        assertThat(during).isLessThan(latencyBefore.plus(SLACK));
    }

    private Duration pushAndAwaitVictimWebhook(Map<String, Object> item) {
        String url = (String) item.get("url");
        Instant pushed = Instant.now();
        assertThat(ingest.push(item)).extracting(IngestApi.Receipt::status).containsExactly("accepted");
        WebhookReceiver.Delivery delivery = Await.until("the victim's webhook for " + url, () -> victimReceiver
                .deliveries(d -> d.verified() && d.body().contains(url)).stream().findFirst());
        return Duration.between(pushed, delivery.receivedAt());
    }

    private String subscribeAttacker(String url, List<String> keywords) {
        Map<String, Object> filter = keywords.isEmpty() ? Map.of("signalTypes", List.of(SIGNAL))
                : Map.of("signalTypes", List.of(SIGNAL), "keywords", keywords);
        Response answer = asAttacker().body(subscription(Map.of("type", "webhook", "url", url), filter)).post("/api/v1/subscriptions");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(201);
        String id = answer.jsonPath().getString("id");
        attackerSubscriptions.add(id);
        return id;
    }

    private HttpResponse<InputStream> openStream(String key) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.alertUrl() + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private io.restassured.specification.RequestSpecification asAttacker() {
        return given().baseUri(stack.alertUrl()).auth().oauth2(attacker.apiKey()).contentType(ContentType.JSON);
    }

    private Map<String, Object> subscription(Map<String, Object> channel, Map<String, Object> filter) {
        return Map.of("name", "attacker " + news.token(), "channel", channel, "filter", filter, "mode", "immediate");
    }

    /** A refusal a client can act on and an attacker learns nothing from: the status, problem+json, no trace of Java. */
    private static void assertRefusedPlainly(Response answer, int status) {
        assertThat(answer.statusCode()).as(abbreviated(answer.asString())).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.asString()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("org.panelwatch")
                .doesNotContain("com.fasterxml").doesNotContain("jakarta.");
    }

    private static String abbreviated(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    private static List<String> words(int count, int length) {
        Random random = new Random(count);
        return IntStream.range(0, count).mapToObj(i -> randomWord(random, length)).toList();
    }

    /** Letters no news text contains as a word: the filter never matches, so all of it is read on every signal. */
    private static String randomWord(Random random, int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
