package org.panelwatch.ingest.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.panelwatch.common.outbound.HostResolver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Feed addresses with production's policy: private addresses refused, as in {@code prod}. */
@QuarkusTest
@TestProfile(FeedAddressProductionTest.PublicOnly.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class FeedAddressProductionTest {

    private static final String INGEST_KEY = "dev-ingest-key";
    private static WireMockServer server;

    public static class PublicOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            // %test. too: a profiled key in application.properties outranks an unprofiled override.
            for (String prefix : new String[] {"", "%test."}) {
                overrides.put(prefix + "panelwatch.ingest.feeds.allow-private-addresses", "false");
            }
            return overrides;
        }
    }

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    /** The addresses of the issue, each of which some guard let through, and the plain private ones. */
    @ParameterizedTest
    @ValueSource(strings = {"http://[64:ff9b::169.254.169.254]/latest/meta-data/", "http://[::169.254.169.254]/",
            "http://[::127.0.0.1]/feed.xml", "http://[::a00:5]/feed.xml", "http://[64:ff9b::a00:5]/feed.xml",
            "http://[64:ff9b:1::a00:5]/feed.xml", "http://192.0.0.8/feed.xml", "http://[2002:a00:5::]/feed.xml",
            "http://[2001:0:a00:5::]/feed.xml", "http://127.0.0.1:8080/feed.xml", "http://localhost/feed.xml",
            "http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/", "http://[::1]/", "http://[fd00::1]/",
            "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://198.51.100.7/feed.xml"})
    void everyNonPublicAddressIsRefusedWhenTheFeedIsAdded(String url) {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", url, "name", "internal", "pollIntervalSeconds", 3600))
                .when().post("/api/v1/feeds")
                .then().statusCode(422).body("errors.field", containsInAnyOrder("url"));
    }

    /**
     * DNS rebinding: the name is public when the feed is added and loopback when the poll connects. The
     * fetch must not reach the loopback server that is listening there.
     */
    @Test
    void aFeedWhoseNameRebindsToLoopbackIsNotFetched() throws Exception {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<rss version=\"2.0\"/>")));
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> host.equals("rebind.example.org")
                ? new InetAddress[] {InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")}
                : HostResolver.SYSTEM.resolve(host);
        QuarkusMock.installMockForType(rebinding, HostResolver.class);

        String id = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("url", "http://rebind.example.org:" + server.port() + "/feed.xml", "name", "rebinding",
                        "pollIntervalSeconds", 3600))
                .when().post("/api/v1/feeds").then().statusCode(201).extract().path("id");
        given().auth().oauth2(INGEST_KEY).post("/api/v1/feeds/" + id + "/poll").then().statusCode(200)
                .body("status", is("error"))
                .body("error", allOf(containsString("not allowed"), containsString("127.0.0.1")));

        server.verify(0, anyRequestedFor(anyUrl()));
        given().auth().oauth2(INGEST_KEY).delete("/api/v1/feeds/" + id).then().statusCode(204);
    }
}
