package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.common.security.ApiKeyHash;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Subscribers and subscriptions through the Alert API: keys, validation, isolation, the test alert. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class SubscriptionResourceTest {

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void anAdminCreatesASubscriberWhoseKeyIsShownOnceAndStoredAsAHash() throws Exception {
        Created alice = AlertTestSupport.subscriber("Alice Policy");
        assertThat(alice.apiKey()).startsWith("pwsub_").hasSizeGreaterThan(40);
        assertThat(AlertTestSupport.strings("SELECT api_key_hash FROM alert.subscriber WHERE id = ?::uuid", alice.id()))
                .containsExactly(ApiKeyHash.hex(alice.apiKey()));
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscriber WHERE api_key_hash = ?", alice.apiKey()))
                .isZero();
        // The key authenticates as a subscriber.
        given().auth().oauth2(alice.apiKey()).get("/api/v1/subscriptions").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void subscriberCreationIsForAdminsAndValidated() {
        Created bob = AlertTestSupport.subscriber("Bob");
        given().auth().oauth2(bob.apiKey()).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/v1/subscribers").then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2("dev-reader-key").contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/v1/subscribers").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v1/subscribers").then().statusCode(401);
        given().auth().oauth2("pwsub_not-a-key").get("/api/v1/subscriptions").then().statusCode(401);
        given().auth().oauth2(AlertTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", " ", "email", "not-an-address"))
                .post("/api/v1/subscribers").then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("name", "email"));
    }

    @Test
    void aWebhookSubscriptionGetsItsSecretOnceAndIsReadBackWithoutIt() {
        Created carol = AlertTestSupport.subscriber("Carol");
        String id = given().auth().oauth2(carol.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "arms to Russia",
                        "channel", Map.of("type", "webhook", "url", "https://hooks.example.org/panelwatch"),
                        "filter", Map.of("signalTypes", List.of("russia-dprk-military"), "topics", List.of("arms-transfer"),
                                "minScore", 0.6, "keywords", List.of("Hwasong"), "languages", List.of("en", "ru")),
                        "mode", "immediate"))
                .post("/api/v1/subscriptions").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/subscriptions/"))
                .body("secret", matchesPattern("^whsec_[A-Za-z0-9+/=]{40,}$"))
                .body("subscriberId", is(carol.id()))
                .body("filter.minScore", is(0.6f))
                .extract().path("id");
        given().auth().oauth2(carol.apiKey()).get("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("secret", nullValue()).body("channel.url", is("https://hooks.example.org/panelwatch"))
                .body("filter.topics", containsInAnyOrder("arms-transfer")).body("active", is(true));

        given().auth().oauth2(carol.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed", "channel", Map.of("type", "email", "address", "carol@example.org"),
                        "mode", "digest-daily"))
                .put("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("name", is("renamed")).body("channel.address", is("carol@example.org"))
                .body("mode", is("digest-daily")).body("nextDigestAt", notNullValue());
        given().auth().oauth2(carol.apiKey()).delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(carol.apiKey()).get("/api/v1/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void whatPostgresCannotStoreIsNeverA500() {
        Created erin = AlertTestSupport.subscriber("Erin");
        // U+0000 is removed on reading (StrictJsonReading): PostgreSQL text cannot hold it.
        given().auth().oauth2(AlertTestSupport.ADMIN).contentType(ContentType.JSON).body("{\"name\":\"nul\\u0000name\"}")
                .post("/api/v1/subscribers").then().statusCode(201).body("name", is("nulname"));
        given().auth().oauth2(erin.apiKey()).contentType(ContentType.JSON)
                .body("{\"name\":\"n\\u0000\",\"channel\":{\"type\":\"email\",\"address\":\"erin@example.org\"},"
                        + "\"filter\":{\"keywords\":[\"sanctions\\u0000\"]}}")
                .post("/api/v1/subscriptions").then().statusCode(201)
                .body("name", is("n")).body("filter.keywords", containsInAnyOrder("sanctions"));
        // java.time parses the year one billion; timestamptz ends in 294276 AD.
        given().urlEncodingEnabled(false).auth().oauth2(erin.apiKey()).get("/api/v1/alerts?since=%2B999999999-12-31T23:59:59Z")
                .then().statusCode(422).body("errors.field", containsInAnyOrder("since"));
        given().auth().oauth2(erin.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "hook", "channel", Map.of("type", "webhook", "url", "http://127.0.0.1:99999/hook")))
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("channel.url"));
    }

    @Test
    void everyValidationErrorIsListedInOneProblem() {
        Created dave = AlertTestSupport.subscriber("Dave");
        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "",
                        "channel", Map.of("type", "webhook", "url", "ftp://example.org/x"),
                        "filter", Map.of("signalTypes", List.of("no-such-signal"), "topics", List.of("arms-transfer", "weather"),
                                "minScore", 1.5, "keywords", List.of("--"), "languages", List.of("english")),
                        "mode", "weekly"))
                .post("/api/v1/subscriptions").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(422))
                .body("errors.field", containsInAnyOrder("name", "channel.url", "filter.signalTypes[0]", "filter.topics[1]",
                        "filter.minScore", "filter.keywords[0]", "filter.languages[0]", "mode"))
                .body("errors.message", hasItem(startsWith("is not a topic id (known: ")));

        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "mail", "channel", Map.of("type", "email", "address", "not an address"),
                        "filter", Map.of("minScore", -0.1)))
                .post("/api/v1/subscriptions").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("channel.address", "filter.minScore"));
        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "pigeon", "channel", Map.of("type", "pigeon")))
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("channel.type"));
        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "no channel"))
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("channel"));
        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "hook", "channel", Map.of("type", "webhook", "url", "not a url at all")))
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("channel.url"));
        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/api/v1/subscriptions").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(dave.apiKey()).contentType(ContentType.JSON).body("{\"name\":\"x\",\"filter\":{\"minScore\":\"high\"}}")
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("filter.minScore"));
        given().auth().oauth2(dave.apiKey()).get("/api/v1/deliveries?status=lost").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("status"));
    }

    @Test
    void aSubscriberSeesOnlyItsOwnSubscriptionsAndDeliveries() {
        Created erin = AlertTestSupport.subscriber("Erin");
        Created frank = AlertTestSupport.subscriber("Frank");
        String erins = AlertTestSupport.webhookSubscription(erin.apiKey(), "https://hooks.example.org/erin",
                AlertTestSupport.uniqueWord(), "immediate").id();

        given().auth().oauth2(frank.apiKey()).get("/api/v1/subscriptions/" + erins).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(frank.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "mine now", "channel", Map.of("type", "email", "address", "f@example.org")))
                .put("/api/v1/subscriptions/" + erins).then().statusCode(404);
        given().auth().oauth2(frank.apiKey()).delete("/api/v1/subscriptions/" + erins).then().statusCode(404);
        given().auth().oauth2(frank.apiKey()).post("/api/v1/subscriptions/" + erins + "/test").then().statusCode(404);
        given().auth().oauth2(frank.apiKey()).get("/api/v1/deliveries?subscriptionId=" + erins).then().statusCode(404);
        given().auth().oauth2(frank.apiKey()).get("/api/v1/subscriptions").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(frank.apiKey()).get("/api/v1/subscriptions/" + UUID.randomUUID()).then().statusCode(404);
        // A subscriber may not create subscriptions for someone else.
        given().auth().oauth2(frank.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "channel", Map.of("type", "email", "address", "f@example.org"),
                        "subscriberId", erin.id()))
                .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("subscriberId"));

        // Wrong roles: 403.
        given().auth().oauth2("dev-reader-key").get("/api/v1/subscriptions").then().statusCode(403);
        given().auth().oauth2("dev-ingest-key").get("/api/v1/deliveries").then().statusCode(403);
        given().auth().oauth2("dev-reader-key").get("/api/v1/alerts").then().statusCode(403);

        // The admin sees everyone's.
        given().auth().oauth2(AlertTestSupport.ADMIN).get("/api/v1/subscriptions/" + erins).then().statusCode(200)
                .body("subscriberId", is(erin.id()));
    }

    @Test
    void theTestAlertGoesThroughTheRealWebhookAndIsClearlyMarked() {
        Created gina = AlertTestSupport.subscriber("Gina");
        WebhookReceiver receiver = WebhookReceiver.get();
        String url = receiver.endpoint(204);
        String id = AlertTestSupport.webhookSubscription(gina.apiKey(), url, AlertTestSupport.uniqueWord(), "immediate").id();

        given().auth().oauth2(gina.apiKey()).post("/api/v1/subscriptions/" + id + "/test").then().statusCode(200)
                .body("status", is("delivered")).body("statusCode", is(204));
        assertThat(receiver.received(url)).hasSize(1);
        assertThat(receiver.received(url).get(0).body()).contains("\"type\":\"test.alert\"").contains("\"test\":true")
                .contains("TEST ALERT");
        given().auth().oauth2(gina.apiKey()).get("/api/v1/deliveries?subscriptionId=" + id).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", is("test")).body("items[0].status", is("delivered"))
                .body("items[0].attempts[0].statusCode", is(204));
    }

    @Test
    void theTestAlertGoesThroughTheRealSmtpServer() throws Exception {
        Created hank = AlertTestSupport.subscriber("Hank");
        String address = "hank-" + UUID.randomUUID() + "@example.org";
        String id = AlertTestSupport.emailSubscription(hank.apiKey(), address, AlertTestSupport.uniqueWord(), "immediate");
        given().auth().oauth2(hank.apiKey()).post("/api/v1/subscriptions/" + id + "/test").then().statusCode(200)
                .body("status", is("delivered"));
        GreenMailServer.greenMail().waitForIncomingEmail(Duration.ofSeconds(10).toMillis(), 1);
        MimeMessage message = Arrays.stream(GreenMailServer.greenMail().getReceivedMessages())
                .filter(m -> recipient(m).equals(address)).findFirst().orElseThrow();
        assertThat(message.getSubject()).startsWith("[TEST]");
    }

    /**
     * The test alert answers in a few fixed sentences: a closed port and a port where something other
     * than HTTP listens read the same, so {@code /test} cannot map which ports of a host are open.
     */
    @Test
    void theTestAlertTellsFailuresInFixedWordsThatDoNotTellOpenPortsFromClosedOnes() throws Exception {
        Created ivo = AlertTestSupport.subscriber("Ivo");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        try (java.net.ServerSocket notHttp = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread banner = new Thread(() -> {
                while (!notHttp.isClosed()) {
                    try (java.net.Socket s = notHttp.accept()) {
                        s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            banner.setDaemon(true);
            banner.start();
            for (int port : new int[] {closed, notHttp.getLocalPort()}) {
                String id = AlertTestSupport.webhookSubscription(ivo.apiKey(), "http://127.0.0.1:" + port + "/hook",
                        AlertTestSupport.uniqueWord(), "immediate").id();
                given().auth().oauth2(ivo.apiKey()).post("/api/v1/subscriptions/" + id + "/test").then().statusCode(200)
                        .body("status", is("failed")).body("statusCode", nullValue())
                        .body("error", is("the receiver could not be reached"));
                given().auth().oauth2(ivo.apiKey()).get("/api/v1/deliveries?subscriptionId=" + id).then().statusCode(200)
                        .body("items[0].attempts[0].error", is("the receiver could not be reached"));
            }
        }
        String busy = WebhookReceiver.get().endpoint(503);
        String id = AlertTestSupport.webhookSubscription(ivo.apiKey(), busy, AlertTestSupport.uniqueWord(), "immediate").id();
        given().auth().oauth2(ivo.apiKey()).post("/api/v1/subscriptions/" + id + "/test").then().statusCode(200)
                .body("status", is("failed")).body("statusCode", is(503)).body("error", is("the receiver answered HTTP 503"));
    }

    /** The test profile allows private addresses; metadata and link-local ones stay refused in every form. */
    @Test
    void webhooksAtMetadataOrLinkLocalAddressesAreRefusedInEveryFormWherePrivateAddressesAreAllowed() {
        Created jan = AlertTestSupport.subscriber("Jan");
        for (String url : List.of("http://[64:ff9b::169.254.169.254]/latest/meta-data/", "http://[::169.254.169.254]/",
                "http://[64:ff9b:1::a00:5]/", "http://192.0.0.8/", "http://[2001:0:a00:5::]/", "http://[2002:a9fe:a9fe::]/",
                "http://[::ffff:0:a9fe:a9fe]/", "http://169.254.169.254/", "http://[fd00:ec2::254]/")) {
            given().auth().oauth2(jan.apiKey()).contentType(ContentType.JSON)
                    .body(Map.of("name", "hook", "channel", Map.of("type", "webhook", "url", url)))
                    .post("/api/v1/subscriptions").then().statusCode(422).body("errors.field", containsInAnyOrder("channel.url"));
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }
}
