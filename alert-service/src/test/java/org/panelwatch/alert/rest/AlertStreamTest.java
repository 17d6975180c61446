package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.service.AlertStreams;
import org.panelwatch.alert.service.Caller;
import org.panelwatch.alert.service.StreamClient;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.SseClient;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * The live stream gives a subscriber its alerts as they are created and, on reconnect, what it missed; a key may
 * hold 5 streams, the instance 12 in the test profile (200 by default), and one database poll feeds them all.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class AlertStreamTest {

    private static final int OK = 200;
    private static final int TOO_MANY_REQUESTS = 429;

    private static final int MAX_PER_KEY = 5;
    private static final int MAX_TOTAL = 12;

    @TestHTTPResource("/api/v1/alerts/stream")
    URL stream;

    @Inject
    AlertStreams streams;

    @Inject
    AgroalDataSource dataSource;

    private final List<SseClient> clients = new ArrayList<>();

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SseClient::close);
        // Every closed client gives its place back, so the next test starts with none open.
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.openCount() == 0);
    }

    @Test
    void theSixthStreamOfOneKeyIsRefusedWithRetryAfterWhileAnotherKeyStillGetsItsStream() {
        Created sam = AlertTestSupport.subscriber("Sam");
        Created tess = AlertTestSupport.subscriber("Tess");
        openAccepted(sam.apiKey(), MAX_PER_KEY);

        assertRefused(open(sam.apiKey()), "This key already has 5 live alert streams open");
        assertThat(open(tess.apiKey()).awaitStatus()).isEqualTo(OK);
        assertThat(open(AlertTestSupport.ADMIN).awaitStatus()).isEqualTo(OK);
    }

    @Test
    void theInstanceRefusesStreamsPastItsTotalWhateverTheKey() {
        openAccepted(AlertTestSupport.subscriber("Uma").apiKey(), MAX_PER_KEY);
        openAccepted(AlertTestSupport.subscriber("Vic").apiKey(), MAX_PER_KEY);
        Created wren = AlertTestSupport.subscriber("Wren");
        openAccepted(wren.apiKey(), MAX_TOTAL - 2 * MAX_PER_KEY);

        assertRefused(open(wren.apiKey()), "This instance has as many live alert streams open as it serves");
    }

    @Test
    void aClientThatLeavesFreesItsPlaceAtOnce() {
        Created xia = AlertTestSupport.subscriber("Xia");
        List<SseClient> five = openAccepted(xia.apiKey(), MAX_PER_KEY);
        assertThat(open(xia.apiKey()).awaitStatus()).isEqualTo(TOO_MANY_REQUESTS);

        five.get(2).close();
        // At once: not when a keep-alive, or a poll on a thread of its own, finds the connection dead.
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> open(xia.apiKey()).awaitStatus() == OK);
        assertThat(open(xia.apiKey()).awaitStatus()).isEqualTo(TOO_MANY_REQUESTS);
    }

    @Test
    void anAlertReachesEveryOpenStreamOfItsSubscriberAndTheAdminsButNoOtherSubscribers() throws Exception {
        Created yara = AlertTestSupport.subscriber("Yara");
        Created zeno = AlertTestSupport.subscriber("Zeno");
        String word = AlertTestSupport.uniqueWord();
        String subscription = AlertTestSupport.webhookSubscription(yara.apiKey(), WebhookReceiver.get().endpoint(200), word,
                "immediate").id();
        AlertTestSupport.webhookSubscription(zeno.apiKey(), WebhookReceiver.get().endpoint(200), AlertTestSupport.uniqueWord(),
                "immediate");
        List<SseClient> yaras = openAccepted(yara.apiKey(), 3);
        SseClient zenos = open(zeno.apiKey());
        SseClient admins = open(AlertTestSupport.ADMIN);
        assertThat(zenos.awaitStatus()).isEqualTo(OK);
        assertThat(admins.awaitStatus()).isEqualTo(OK);

        String signal = AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> yaras.stream().allMatch(c -> c.events().size() == 1)
                && admins.events().size() == 1);
        Thread.sleep(700);
        for (SseClient c : yaras) {
            assertThat(c.events()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo("alert");
                assertThat(e.data()).contains(signal).contains(subscription);
            });
        }
        assertThat(admins.events()).singleElement().satisfies(e -> assertThat(e.data()).contains(signal));
        assertThat(zenos.events()).isEmpty();
    }

    @Test
    void tenOpenStreamsCostTheDatabaseNoMoreThanOnePollEachInterval() throws Exception {
        Duration window = Duration.ofSeconds(3);
        long quiet = connectionsTakenDuring(window);
        assertThat(quiet).as("connections taken without streams (the delivery worker polls)").isPositive();

        openAccepted(AlertTestSupport.subscriber("Abe").apiKey(), MAX_PER_KEY);
        openAccepted(AlertTestSupport.subscriber("Bea").apiKey(), MAX_PER_KEY - 1);
        openAccepted(AlertTestSupport.ADMIN, 1);
        Thread.sleep(500); // each new stream's own first reads are over
        long streaming = connectionsTakenDuring(window);

        // One query per poll interval (250 ms) for all ten: about 12 in the window, where a poll per stream takes
        // ten times as many. Twice the polls leaves room for the ups and downs of the service's other work.
        long polls = window.toMillis() / 250;
        assertThat(streaming - quiet).as("database connections taken with 10 streams open, beyond the quiet %d", quiet)
                .isLessThanOrEqualTo(2 * polls);
        assertThat(streams.openCount()).isEqualTo(2 * MAX_PER_KEY);
    }

    @Test
    void aClientThatReadsNothingHoldsUpNoOtherStreamAndIsClosedAfterTheSendTimeout() throws Exception {
        Created cara = AlertTestSupport.subscriber("Cara");
        String word = AlertTestSupport.uniqueWord();
        String subscription = AlertTestSupport.webhookSubscription(cara.apiKey(), WebhookReceiver.get().endpoint(200), word,
                "immediate").id();
        AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.alert WHERE subscription_id = ?::uuid", subscription) == 1);

        // Resumes from the start, so it is handed the alert at once, and never takes it off its connection.
        StuckClient stuck = new StuckClient();
        streams.open(new Caller(UUID.fromString(cara.id())), OptionalLong.of(0), stuck);
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.alertsHandedOver.get() == 1);
        SseClient reader = open(cara.apiKey());
        assertThat(reader.awaitStatus()).isEqualTo(OK);

        String signal = AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.events().size() == 1);
        assertThat(reader.events().get(0).data()).contains(signal);
        // send-timeout is 2 s in %test.
        await().atMost(Duration.ofSeconds(6)).until(() -> stuck.closed.get());
        await().atMost(Duration.ofSeconds(1)).until(() -> streams.openCount() == 1);
    }

    /** A client that reads nothing: the greeting still fits in the connection's buffers, no alert leaves. */
    private static final class StuckClient implements StreamClient {

        final AtomicInteger alertsHandedOver = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        private volatile Runnable whenGone;

        @Override
        public CompletionStage<?> sendGreeting() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> sendAlert(Alert alert) {
            alertsHandedOver.incrementAndGet();
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<?> sendKeepAlive() {
            return new CompletableFuture<>();
        }

        @Override
        public boolean isGone() {
            return closed.get();
        }

        @Override
        public void onGone(Runnable whenGone) {
            this.whenGone = whenGone;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                whenGone.run();
            }
        }
    }

    /** Every query of the service takes a pooled connection, whichever thread asks. */
    private long connectionsTakenDuring(Duration window) throws InterruptedException {
        long before = dataSource.getMetrics().acquireCount();
        Thread.sleep(window.toMillis());
        return dataSource.getMetrics().acquireCount() - before;
    }

    /** Read with the SSE client: a stream accepted by mistake must fail the test, not hang it. */
    private static void assertRefused(SseClient refused, String detail) {
        assertThat(refused.awaitStatus()).isEqualTo(TOO_MANY_REQUESTS);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.body().contains("}"));
        assertThat(refused.body()).contains("\"status\":429").contains(detail);
    }

    private List<SseClient> openAccepted(String apiKey, int count) {
        List<SseClient> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SseClient c = open(apiKey);
            assertThat(c.awaitStatus()).as("stream %d of %d", i + 1, count).isEqualTo(OK);
            opened.add(c);
        }
        return opened;
    }

    private SseClient open(String apiKey) {
        SseClient c = new SseClient(stream.toString(), apiKey, null);
        clients.add(c);
        return c;
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
            assertThat(first.awaitStatus()).isEqualTo(OK);
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
