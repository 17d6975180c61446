package org.panelwatch.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.support.RawTopic;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** GDELT DOC 2.0 answers recorded in the API's artlist format, served by WireMock. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class GdeltPollTest {

    /** Tests drive the page workers themselves (the tick is off in %test). */
    @jakarta.inject.Inject
    org.panelwatch.ingest.service.PageFetchWorker pages;

    private static final String INGEST_KEY = "dev-ingest-key";
    private static WireMockServer server;

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

    @BeforeEach
    void noFeeds() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.feed");
        }
    }

    @Test
    void articlesBecomeItemsWithTheirHeadlineDateLanguageAndDomainOnceEach() {
        String feedId = gdeltFeed("artlist", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(fixture("artlist.json")));

        poll(feedId).body("status", is("ok")).body("new", is(3)).body("duplicate", is(0));

        // Each article waits for its page; the example hosts cannot be reached, so after its tries each goes
        // out with what GDELT gave: its headline.
        List<NewsItemEvent> events = List.of();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (events.size() < 3 && System.nanoTime() < deadline) {
            pages.tick();
            events = RawTopic.eventsMatching(e -> feedId.equals(e.feedId()));
        }
        assertThat(events).hasSize(3);
        assertThat(events).extracting(NewsItemEvent::textSource).containsOnly(NewsItemEvent.TEXT_FROM_FEED);
        NewsItemEvent english = events.stream().filter(e -> "en".equals(e.lang())).findFirst().orElseThrow();
        assertThat(english.url()).isEqualTo("https://news.example.com/" + run + "/artillery-shells-rail");
        assertThat(english.title()).startsWith("North Korean artillery shells moved by rail");
        assertThat(english.source()).isEqualTo("news.example.com");
        assertThat(english.published()).isEqualTo("2024-06-19T10:15:00Z");
        assertThat(english.text()).isEqualTo(english.title());
        assertThat(events).extracting(NewsItemEvent::lang).containsExactlyInAnyOrder("en", "ko", "ru");
        NewsItemEvent korean = events.stream().filter(e -> "ko".equals(e.lang())).findFirst().orElseThrow();
        assertThat(korean.source()).isEqualTo("example.co.kr");
        assertThat(korean.published()).isEqualTo("2024-06-20T03:15:00Z");
        assertThat(korean.normalisation().languageDetected()).isFalse();

        poll(feedId).body("status", is("ok")).body("new", is(0)).body("duplicate", is(3));
        server.verify(2, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/" + run + "/artlist"))
                .withQueryParam("mode", equalTo("artlist")).withQueryParam("format", equalTo("json")));
        feed(feedId).body("itemsSeen", is(3)).body("kind", is("gdelt")).body("lastSuccessAt", notNullValue());
    }

    @Test
    void aNoMatchAnswerIsAnEmptyPollNotAnError() {
        String feedId = gdeltFeed("none", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{}"));

        poll(feedId).body("status", is("ok")).body("new", is(0));
    }

    @Test
    void textErrorsEmptyTruncatedAndRateLimitedAnswersAreThatFeedsRecordedError() {
        String tooShort = gdeltFeed("too-short", aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody(fixture("too-short.txt")));
        String empty = gdeltFeed("empty", aResponse().withStatus(200).withBody(""));
        String truncated = gdeltFeed("truncated", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(fixture("truncated.json")));
        String limited = gdeltFeed("limited", aResponse().withStatus(429)
                .withBody("Please limit requests to one every 5 seconds"));

        poll(tooShort).body("status", is("error")).body("error", containsString("phrase that was too short"));
        poll(empty).body("status", is("error")).body("error", containsString("empty answer"));
        poll(truncated).body("status", is("error")).body("error", containsString("not an article list"));
        poll(limited).body("status", is("error")).body("error", containsString("HTTP 429"));

        for (String id : List.of(tooShort, empty, truncated, limited)) {
            feed(id).body("lastStatus", is("error")).body("consecutiveFailures", is(1))
                    .body("lastErrorAt", notNullValue()).body("lastError", notNullValue());
        }
    }

    /** A GDELT feed whose request goes to the local server (the loader builds it from the real API's address). */
    private String gdeltFeed(String name, ResponseDefinitionBuilder answer) {
        String path = "/" + run + "/" + name;
        server.stubFor(get(urlPathEqualTo(path)).willReturn(answer));
        String url = server.baseUrl() + path + "?query=" + name + "&mode=artlist&format=json&maxrecords=250&timespan=1h";
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO ingest.feed (id, url, name, poll_interval_seconds, kind, query, summary_only) "
                        + "VALUES (?, ?, 'GDELT', 900, 'gdelt', ?, true)")) {
            st.setObject(1, id);
            st.setString(2, url);
            st.setString(3, name);
            st.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id.toString();
    }

    private static ValidatableResponse poll(String feedId) {
        return given().auth().oauth2(INGEST_KEY).when().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200);
    }

    private static ValidatableResponse feed(String id) {
        return given().auth().oauth2(INGEST_KEY).get("/api/v1/feeds/" + id).then().statusCode(200);
    }

    private String fixture(String name) {
        try (InputStream in = GdeltPollTest.class.getResourceAsStream("/gdelt/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{run}}", run);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
