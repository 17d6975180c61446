package org.panelwatch.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.service.FeedService;
import org.panelwatch.ingest.service.SourceCatalogueLoader;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class SourceResourceTest {

    private static WireMockServer server;

    @Inject
    SourceCatalogueLoader loader;

    @Inject
    FeedService feeds;

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
    @AfterEach
    void noSources() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.feed WHERE source_id IS NOT NULL");
            st.execute("DELETE FROM ingest.source");
        }
    }

    @Test
    void eachSourceShowsItsFeedsLastSuccessLastErrorAndItemsOfTheLastSevenDays() throws Exception {
        String good = "/" + run + "/good.xml";
        String broken = "/" + run + "/broken.xml";
        server.stubFor(get(urlEqualTo(good)).willReturn(aResponse().withStatus(200).withBody(rss2())));
        server.stubFor(get(urlEqualTo(broken)).willReturn(aResponse().withStatus(503)));
        Path catalogue = Files.createTempFile("catalogue", ".yaml");
        try {
            Files.writeString(catalogue, """
                    sources:
                      - id: health-wire
                        name: Health Wire
                        homepage: %1$s/
                        kind: wire
                        country: KR
                        languages: [en]
                        summaryOnly: false
                        pollIntervalSeconds: 900
                        provenance: test
                        feeds:
                          - url: %1$s%2$s
                          - url: %1$s%3$s
                      - id: health-quiet
                        name: Quiet Institute
                        homepage: https://quiet.example.org/
                        kind: think-tank
                        country: GB
                        languages: [en]
                        summaryOnly: true
                        pollIntervalSeconds: 3600
                        provenance: "unverified: conventional path"
                    """.formatted(server.baseUrl(), good, broken));
            loader.load(catalogue);
        } finally {
            Files.delete(catalogue);
        }
        String goodId = TestDatabase.string("SELECT id::text FROM ingest.feed WHERE url = ?", server.baseUrl() + good);
        String brokenId = TestDatabase.string("SELECT id::text FROM ingest.feed WHERE url = ?", server.baseUrl() + broken);
        feeds.poll(UUID.fromString(goodId));
        feeds.poll(UUID.fromString(goodId));
        feeds.poll(UUID.fromString(brokenId));
        // A poll older than the window does not count.
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ingest.feed_poll (feed_id, polled_at, status, new_items) VALUES ('" + goodId
                    + "', now() - interval '8 days', 'ok', 40)");
        }

        JsonPath answer = given().auth().oauth2("dev-ingest-key").get("/api/v1/sources")
                .then().statusCode(200).extract().jsonPath();

        Map<String, Object> wire = answer.getMap("items.find { it.id == 'health-wire' }");
        assertThat(wire).containsEntry("name", "Health Wire").containsEntry("kind", "wire").containsEntry("enabled", true)
                .containsEntry("itemsLast7Days", 3).containsEntry("provenance", "test");
        JsonPath wireFeeds = answer.setRootPath("items.find { it.id == 'health-wire' }.feeds");
        assertThat(wireFeeds.getInt("find { it.id == '" + goodId + "' }.itemsLast7Days")).isEqualTo(3);
        assertThat(wireFeeds.getString("find { it.id == '" + goodId + "' }.lastSuccessAt")).isNotNull();
        assertThat(wireFeeds.getString("find { it.id == '" + goodId + "' }.lastError")).isNull();
        assertThat(wireFeeds.getString("find { it.id == '" + brokenId + "' }.lastError")).contains("HTTP 503");
        assertThat(wireFeeds.getString("find { it.id == '" + brokenId + "' }.lastErrorAt")).isNotNull();
        assertThat(wireFeeds.getString("find { it.id == '" + brokenId + "' }.lastSuccessAt")).isNull();
        assertThat(wireFeeds.getInt("find { it.id == '" + brokenId + "' }.itemsLast7Days")).isZero();
        answer.setRootPath("");
        Map<String, Object> quiet = answer.getMap("items.find { it.id == 'health-quiet' }");
        assertThat(quiet).containsEntry("summaryOnly", true).containsEntry("itemsLast7Days", 0)
                .containsEntry("languages", java.util.List.of("en"));
        assertThat(answer.getList("items.find { it.id == 'health-quiet' }.feeds")).isEmpty();

        given().auth().oauth2("dev-admin-key").get("/api/v1/sources").then().statusCode(200);
        given().auth().oauth2("dev-reader-key").get("/api/v1/sources").then().statusCode(403);
        given().get("/api/v1/sources").then().statusCode(401);
    }

    private String rss2() throws IOException {
        try (InputStream in = SourceResourceTest.class.getResourceAsStream("/feeds/rss2.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{run}}", run);
        }
    }
}
