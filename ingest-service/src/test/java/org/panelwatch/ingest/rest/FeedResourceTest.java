package org.panelwatch.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.service.FeedPoller;
import org.panelwatch.ingest.support.RawTopic;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Feeds served by an in-process WireMock server, polled into the real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class FeedResourceTest {

    private static final String INGEST_KEY = "dev-ingest-key";
    private static WireMockServer server;

    @Inject
    FeedPoller poller;

    private final String run = UUID.randomUUID().toString();

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /** Feeds left by an earlier test would be due too and compete for the poller's threads. */
    @BeforeEach
    void noFeeds() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.feed");
        }
    }

    @Test
    void rss2EntriesGoOutOnceAcrossPollsConditionalGetAndARestart() throws Exception {
        String path = "/" + run + "/rss2.xml";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rss+xml").withHeader("ETag", "\"v1\"")
                .withHeader("Last-Modified", "Wed, 19 Jun 2024 10:00:00 GMT").withBody(fixture("rss2.xml"))));
        server.stubFor(get(urlEqualTo(path)).withHeader("If-None-Match", equalTo("\"v1\""))
                .atPriority(1).willReturn(aResponse().withStatus(304)));
        String feedId = createFeed(path, "Borderlands Wire");

        poll(feedId).body("new", is(3)).body("duplicate", is(0)).body("status", is("ok")).body("error", nullValue());
        List<NewsItemEvent> events = eventsOfFeed(feedId);
        assertThat(events).hasSize(3);
        NewsItemEvent rajin = events.stream().filter(e -> e.title().startsWith("Freighter")).findFirst().orElseThrow();
        assertThat(rajin.url()).isEqualTo("https://wire.example.org/" + run + "/rajin");
        assertThat(rajin.text()).isEqualTo("A freighter unloaded crates at the port of Rajin, satellite images show.");
        assertThat(rajin.source()).isEqualTo("Borderlands Wire");
        assertThat(rajin.lang()).isEqualTo("en");
        assertThat(rajin.published()).isEqualTo("2024-06-18T08:00:00Z");

        // The server answers 304 to the validators of the first poll: nothing new, nothing sent.
        poll(feedId).body("new", is(0)).body("status", is("not-modified"));
        server.verify(getRequestedFor(urlEqualTo(path)).withHeader("If-None-Match", equalTo("\"v1\""))
                .withHeader("If-Modified-Since", equalTo("Wed, 19 Jun 2024 10:00:00 GMT")));

        // As after a restart that lost every validator: the entries come again and the table knows them.
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE ingest.feed SET etag = NULL, last_modified = NULL WHERE id = '" + feedId + "'");
        }
        poll(feedId).body("new", is(0)).body("duplicate", is(3)).body("status", is("ok"));
        assertThat(eventsOfFeed(feedId)).hasSize(3);

        given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds/" + feedId).then().statusCode(200)
                .body("itemsSeen", is(3)).body("lastStatus", is("ok")).body("lastPolledAt", notNullValue())
                .body("lastError", nullValue());
    }

    @Test
    void atomGzipAndRss1BehindARedirectAreRead() throws Exception {
        String atomPath = "/" + run + "/atom.xml";
        server.stubFor(get(urlEqualTo(atomPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml").withHeader("Content-Encoding", "gzip")
                .withBody(gzip(fixture("atom.xml")))));
        String atomId = createFeed(atomPath, "Sanctions Monitor");
        poll(atomId).body("new", is(2)).body("status", is("ok"));
        List<NewsItemEvent> atom = eventsOfFeed(atomId);
        assertThat(atom).extracting(NewsItemEvent::title)
                .containsExactlyInAnyOrder("Panel report cites ship-to-ship transfers", "Committee adds two vessels");
        NewsItemEvent report = atom.stream().filter(e -> e.title().startsWith("Panel")).findFirst().orElseThrow();
        assertThat(report.text()).isEqualTo("The report cites twelve ship-to-ship transfers.");
        assertThat(report.url()).isEqualTo(server.baseUrl() + "/" + run + "/panel-report");
        assertThat(report.externalId()).isEqualTo("urn:monitor:" + run + ":1");

        String oldPath = "/" + run + "/old-rdf";
        String rdfPath = "/" + run + "/rss1.xml";
        server.stubFor(get(urlEqualTo(oldPath)).willReturn(aResponse().withStatus(301).withHeader("Location", rdfPath)));
        server.stubFor(get(urlEqualTo(rdfPath)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/rdf+xml").withBody(fixture("rss1.xml"))));
        String rdfId = createFeed(oldPath, "RDF Digest");
        poll(rdfId).body("new", is(2)).body("status", is("ok"));
        assertThat(eventsOfFeed(rdfId)).extracting(NewsItemEvent::lang).containsOnly("de");
    }

    @Test
    void brokenFeedsFailOnTheirOwnAndBackOff() {
        Map<String, String> broken = Map.of(
                "html", stub("not-a-feed.html", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody(fixture("not-a-feed.html"))),
                "truncated", stub("truncated.xml", aResponse().withStatus(200).withBody(fixture("truncated.xml"))),
                "bomb", stub("dtd-bomb.xml", aResponse().withStatus(200).withBody(fixture("dtd-bomb.xml"))),
                "500", stub("500", aResponse().withStatus(500)),
                "timeout", stub("slow.xml", aResponse().withStatus(200).withFixedDelay(8_000).withBody(fixture("rss2.xml"))));
        String goodId = createFeed(stub("good.xml", aResponse().withStatus(200).withBody(fixture("rss2.xml"))), "Good");
        Map<String, String> ids = new java.util.HashMap<>();
        broken.forEach((kind, path) -> ids.put(kind, createFeed(path, kind)));

        for (Map.Entry<String, String> feed : ids.entrySet()) {
            poll(feed.getValue()).body("status", is("error")).body("new", is(0)).body("error", notNullValue());
        }
        poll(goodId).body("status", is("ok")).body("new", is(3));

        JsonPath feeds = given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds").then().statusCode(200).extract().jsonPath();
        for (String id : ids.values()) {
            Map<String, Object> feed = feeds.getMap("items.find { it.id == '" + id + "' }");
            assertThat(feed.get("lastStatus")).isEqualTo("error");
            assertThat((String) feed.get("lastError")).isNotBlank();
            assertThat(feed.get("consecutiveFailures")).isEqualTo(1);
            // Back-off: the next poll is twice the interval away, not one interval.
            assertThat(java.time.Instant.parse((String) feed.get("nextPollAt")))
                    .isAfter(java.time.Instant.now().plusSeconds(3600 + 600));
        }
        assertThat(feeds.getString("items.find { it.id == '" + ids.get("bomb") + "' }.lastError")).containsIgnoringCase("doctype");
        assertThat(feeds.getString("items.find { it.id == '" + ids.get("timeout") + "' }.lastError")).contains("Timed out");
        assertThat(feeds.getString("items.find { it.id == '" + ids.get("500") + "' }.lastError")).contains("HTTP 500");
        assertThat(feeds.getString("items.find { it.id == '" + goodId + "' }.lastStatus")).isEqualTo("ok");
    }

    @Test
    void theSchedulerPollsDueFeedsAndASlowFeedDoesNotHoldUpTheOthers() {
        String slowId = createFeed(stub("slow.xml", aResponse().withStatus(200).withFixedDelay(8_000)
                .withBody(fixture("rss2.xml"))), "Slow");
        String fastId = createFeed(stub("fast.xml", aResponse().withStatus(200).withBody(fixture("rss2.xml"))), "Fast");

        poller.tick();

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> "ok".equals(feed(fastId).getString("lastStatus")));
        assertThat(feed(slowId).getString("lastPolledAt")).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> "error".equals(feed(slowId).getString("lastStatus")));
        assertThat(feed(fastId).getInt("itemsSeen")).isEqualTo(3);
    }

    @Test
    void feedApiValidatesAndAnswersTheContract() throws Exception {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body("{\"url\":\"ftp://example.org/feed\",\"name\":\"x\",\"pollIntervalSeconds\":0}")
                .when().post("/api/v1/feeds")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("url", "pollIntervalSeconds"));
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body("{\"url\":")
                .when().post("/api/v1/feeds").then().statusCode(400);
        // One document per body: what follows the first is not silently dropped.
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.org/a.xml\",\"name\":\"a\"} {\"url\":\"https://example.org/b.xml\"}")
                .when().post("/api/v1/feeds").then().statusCode(400).contentType(startsWith("application/problem+json"));
        // PostgreSQL text cannot hold U+0000: it is removed on reading, not a 500 from the repository.
        String nul = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body("{\"url\":\"https://example.org/" + run + "/nul.xml\",\"name\":\"a\\u0000b\",\"pollIntervalSeconds\":3600}")
                .when().post("/api/v1/feeds").then().statusCode(201).body("name", is("ab")).extract().path("id");
        given().auth().oauth2(INGEST_KEY).delete("/api/v1/feeds/" + nul).then().statusCode(204);

        String path = stub("api.xml", aResponse().withStatus(200).withBody(fixture("rss2.xml")));
        String id = createFeed(path, "API");
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", server.baseUrl() + path, "name", "again", "pollIntervalSeconds", 3600))
                .when().post("/api/v1/feeds").then().statusCode(409);
        given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds").then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds/" + id).then().statusCode(200)
                .body("name", is("API")).body("pollIntervalSeconds", is(3600)).body("itemsSeen", is(0))
                .body("lastStatus", nullValue());
        given().auth().oauth2(INGEST_KEY).delete("/api/v1/feeds/" + id).then().statusCode(204);
        given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds/" + id).then().statusCode(404);
        // Both changes are in the audit log, with the key that made them.
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.audit_event WHERE target = ? AND actor = 'ingest' "
                + "AND action IN ('feed.created', 'feed.deleted')", id)).isEqualTo(2);
        given().auth().oauth2(INGEST_KEY).post("/api/v1/feeds/" + id + "/poll").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds/not-a-uuid").then().statusCode(404);
        given().get("/api/v1/feeds").then().statusCode(401);
        given().auth().oauth2("dev-reader-key").get("/api/v1/feeds").then().statusCode(403);
    }

    /**
     * The test profile allows private addresses (the feeds here live on loopback); metadata, link-local
     * and broadcast addresses stay refused, also where an IPv6 form carries them.
     */
    @Test
    void feedUrlsAtMetadataOrLinkLocalAddressesAreRefusedInEveryFormWherePrivateAddressesAreAllowed() {
        for (String url : List.of("http://[64:ff9b::169.254.169.254]/latest/meta-data/", "http://[::169.254.169.254]/",
                "http://[64:ff9b:1::a00:5]/", "http://192.0.0.8/", "http://[2001:0:a00:5::]/",
                "http://[2002:a9fe:a9fe::]/", "http://[::ffff:0:a9fe:a9fe]/", "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "http://[fd00:ec2::254]/", "http://100.100.100.200/")) {
            given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "name", "metadata", "pollIntervalSeconds", 3600))
                    .when().post("/api/v1/feeds")
                    .then().statusCode(422).contentType(startsWith("application/problem+json"))
                    .body("errors.field", containsInAnyOrder("url"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString("not allowed"));
        }
    }

    @Test
    void aRedirectToARefusedAddressEndsThePollBeforeAnyConnection() {
        String path = "/" + run + "/to-metadata";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/")));
        String id = createFeed(path, "Redirect to metadata");
        poll(id).body("status", is("error")).body("new", is(0))
                .body("error", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("not allowed"),
                        org.hamcrest.Matchers.containsString("169.254.169.254")));
    }

    private String stub(String name, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        String path = "/" + run + "/" + name;
        server.stubFor(get(urlEqualTo(path)).willReturn(response));
        return path;
    }

    private String createFeed(String path, String name) {
        return given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", server.baseUrl() + path, "name", name, "pollIntervalSeconds", 3600))
                .when().post("/api/v1/feeds")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/feeds/"))
                .extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse poll(String feedId) {
        return given().auth().oauth2(INGEST_KEY).when().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200);
    }

    private static JsonPath feed(String id) {
        return given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<NewsItemEvent> eventsOfFeed(String feedId) {
        return RawTopic.eventsMatching(e -> feedId.equals(e.feedId()));
    }

    private String fixture(String name) {
        try (InputStream in = FeedResourceTest.class.getResourceAsStream("/feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{run}}", run);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
