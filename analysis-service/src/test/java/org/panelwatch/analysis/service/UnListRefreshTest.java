package org.panelwatch.analysis.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.api.UnListRefresh;
import org.panelwatch.analysis.config.CurrentEngine;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.support.UnListServer;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * The UN list refreshed from a server on loopback standing in for the UN: a good, newer list replaces
 * the one in use (the engine then finds a newly listed entity) and shows in GET /api/v1/catalogue; an
 * error answer, an empty, truncated or wrongly structured list never does; the next request is
 * conditional and a 304 keeps the list.
 */
@QuarkusTest
// The real engine: the retag a new list starts must tag with the list (the test engine knows no list).
@io.quarkus.test.junit.TestProfile(org.panelwatch.analysis.support.RealEngineProfile.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(value = UnListServer.class, restrictToAnnotatedClass = true)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class UnListRefreshTest {

    private static final String PATH = "/resources/xml/en/consolidated.xml";
    private static final String NEW_DATE = "2026-11-30T00:00:05.123Z";
    private static final String NEW_ENTITY = """
                <ENTITY>
                  <DATAID>999999</DATAID>
                  <VERSIONNUM>1</VERSIONNUM>
                  <FIRST_NAME>PANELWATCH TEST OCEAN SHIPPING COMPANY</FIRST_NAME>
                  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
                  <REFERENCE_NUMBER>KPe.999</REFERENCE_NUMBER>
                  <LISTED_ON>2026-11-29</LISTED_ON>
                </ENTITY>
              </ENTITIES>""";

    private static final String LATER_DATE = "2026-12-05T00:00:07.000Z";
    private static final String LATER_ENTITY = """
                <ENTITY>
                  <DATAID>999998</DATAID>
                  <VERSIONNUM>1</VERSIONNUM>
                  <FIRST_NAME>PANELWATCH RETAG TEST TRADING CORPORATION</FIRST_NAME>
                  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
                  <REFERENCE_NUMBER>KPe.998</REFERENCE_NUMBER>
                  <LISTED_ON>2026-12-04</LISTED_ON>
                </ENTITY>
              </ENTITIES>""";

    @Inject
    RetagService retag;
    @Inject
    UnListService unList;
    @Inject
    CurrentEngine engine;

    @Test
    @org.junit.jupiter.api.Order(1)
    void onlyAGoodListReplacesTheOneInUseAnd304KeepsIt() throws Exception {
        clearStoredList();
        String bundled = bundled();
        String before = engine.unList().dateGenerated();
        assertThat(before).startsWith("2024-09-26");

        serve(aResponse().withStatus(503).withBody("maintenance"));
        assertOutcome(unList.refresh(), "failed", "HTTP 503");

        serve(aResponse().withStatus(200).withBody(""));
        assertOutcome(unList.refresh(), "refused", "empty");

        serve(aResponse().withStatus(200).withBody(bundled.substring(0, bundled.length() / 2)));
        assertOutcome(unList.refresh(), "refused", "well-formed");

        serve(aResponse().withStatus(200).withBody(bundled.replace("CONSOLIDATED_LIST", "SANCTIONS_LIST")));
        assertOutcome(unList.refresh(), "refused", "not CONSOLIDATED_LIST");

        serve(aResponse().withStatus(200).withBody(bundled.replaceAll("<REFERENCE_NUMBER>KPe.0(0|1)\\d</REFERENCE_NUMBER>", "")));
        assertOutcome(unList.refresh(), "refused", "REFERENCE_NUMBER");

        // Well-formed and of the right structure, but with a tenth of the records: a truncated export.
        String few = bundled.replaceAll("(?s)<INDIVIDUALS>.*</INDIVIDUALS>", "<INDIVIDUALS/>")
                .replaceAll("(?s)<ENTITIES>.*</ENTITIES>", "<ENTITIES>" + NEW_ENTITY);
        serve(aResponse().withStatus(200).withBody(few));
        assertOutcome(unList.refresh(), "refused", "truncated");
        assertThat(engine.unList().dateGenerated()).isEqualTo(before);
        assertThat(TestDatabase.count("SELECT count(*) FROM analysis.un_list")).isZero();
        given().auth().oauth2("dev-reader-key").get("/api/v1/catalogue").then().statusCode(200)
                .body("unList.dateGenerated", org.hamcrest.Matchers.equalTo(before))
                .body("unList.source", org.hamcrest.Matchers.equalTo("bundled"))
                .body("unList.lastRefresh.outcome", org.hamcrest.Matchers.equalTo("refused"));

        // A newer list, with one more entity: it replaces the list, and the engine finds the new entity.
        String newer = bundled.replaceFirst("dateGenerated=\"[^\"]+\"", "dateGenerated=\"" + NEW_DATE + "\"")
                .replace("</ENTITIES>", NEW_ENTITY);
        serve(aResponse().withStatus(200).withHeader("ETag", "\"v2\"")
                .withHeader("Last-Modified", "Mon, 30 Nov 2026 00:00:05 GMT").withBody(newer));
        UnListRefresh replaced = unList.refresh();
        assertOutcome(replaced, "replaced", null);
        assertThat(replaced.dateGenerated()).isEqualTo(NEW_DATE);
        assertThat(engine.unList().entities()).isEqualTo(engine.unList().names().keySet().stream()
                .filter(r -> r.startsWith("KPe.")).count()).isEqualTo(76);
        Analysis found = engine.analyze("Designation", "The Panelwatch Test Ocean Shipping Company owns two tankers.", "en");
        assertThat(found.entities()).anySatisfy(e -> assertThat(e.unReference()).isEqualTo("KPe.999"));
        assertThat(TestDatabase.string("SELECT date_generated FROM analysis.un_list")).isEqualTo(NEW_DATE);
        given().auth().oauth2("dev-reader-key").get("/api/v1/catalogue").then().statusCode(200)
                .body("unList.dateGenerated", org.hamcrest.Matchers.equalTo(NEW_DATE))
                .body("unList.entities", org.hamcrest.Matchers.equalTo(76))
                .body("unList.source", org.hamcrest.Matchers.endsWith(PATH));
        given().auth().oauth2("dev-reader-key").get("/api/v1/entities/KPe.999").then().statusCode(200)
                .body("unReference", org.hamcrest.Matchers.equalTo("KPe.999"))
                .body("unListDate", org.hamcrest.Matchers.equalTo(NEW_DATE));

        // The next request is conditional; the UN's 304 keeps the list.
        UnListServer.server.resetAll();
        UnListServer.server.stubFor(get(urlPathEqualTo(PATH)).withHeader("If-None-Match", equalTo("\"v2\""))
                .willReturn(aResponse().withStatus(304)));
        UnListServer.server.stubFor(get(urlPathEqualTo(PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("")));
        assertOutcome(unList.refresh(), "not-modified", null);
        UnListServer.server.verify(getRequestedFor(urlPathEqualTo(PATH))
                .withHeader("If-None-Match", equalTo("\"v2\""))
                .withHeader("If-Modified-Since", equalTo("Mon, 30 Nov 2026 00:00:05 GMT")));

        // After a good list, failures still change nothing.
        serve(aResponse().withStatus(500));
        assertOutcome(unList.refresh(), "failed", "HTTP 500");
        assertThat(engine.unList().dateGenerated()).isEqualTo(NEW_DATE);
        given().auth().oauth2("dev-reader-key").post("/api/v1/admin/un-list/refresh").then().statusCode(403);
        given().auth().oauth2("dev-admin-key").post("/api/v1/admin/un-list/refresh").then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("failed"));
        clearStoredList();
    }

    /**
     * Issue 13 part 4: an item that names an entity the UN lists only later gets the entity's UN
     * reference from the retag the new list starts; however many instances notice the list, it queues
     * one retag.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void aNewListRetagsTheStoredItemsOnce() throws Exception {
        java.util.UUID item = java.util.UUID.randomUUID();
        try (java.sql.Connection c = TestDatabase.connect()) {
            c.createStatement().execute("DELETE FROM analysis.retag_job");
            try (java.sql.PreparedStatement st = c.prepareStatement("INSERT INTO analysis.item (id, title, body, lang, "
                    + "ingested_at, sort_at) VALUES (?, 'Designation', 'The Panelwatch Retag Test Trading Corporation "
                    + "chartered two tankers last month.', 'en', now(), now())")) {
                st.setObject(1, item);
                st.executeUpdate();
            }
        }
        String listed = "SELECT count(*) FROM analysis.item_entity WHERE item_id = ? AND un_reference = 'KPe.998'";
        try {
            assertThat(TestDatabase.count(listed, item)).isZero();

            String later = bundled().replaceFirst("dateGenerated=\"[^\"]+\"", "dateGenerated=\"" + LATER_DATE + "\"")
                    .replace("</ENTITIES>", LATER_ENTITY);
            serve(aResponse().withStatus(200).withBody(later));
            assertOutcome(unList.refresh(), "replaced", null);

            String status = "SELECT status FROM analysis.retag_job WHERE trigger = 'un-list' AND un_list_date = ?";
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                    .until(() -> "done".equals(TestDatabase.string(status, LATER_DATE)));
            assertThat(TestDatabase.count(listed, item)).as("the item names the newly listed entity").isEqualTo(1);
            given().auth().oauth2("dev-reader-key").get("/api/v1/entities/KPe.998").then().statusCode(200)
                    .body("items.id", org.hamcrest.Matchers.hasItem(item.toString()));

            // A second instance noticing the same list queues nothing more.
            assertThat(retag.startForUnList(LATER_DATE).status()).isEqualTo("done");
            assertThat(TestDatabase.count("SELECT count(*) FROM analysis.retag_job WHERE un_list_date = ?", LATER_DATE))
                    .isEqualTo(1);
        } finally {
            try (java.sql.Connection c = TestDatabase.connect()) {
                for (String table : java.util.List.of("item_topic", "item_entity", "signal")) {
                    try (java.sql.PreparedStatement st = c.prepareStatement("DELETE FROM analysis." + table + " WHERE item_id = ?")) {
                        st.setObject(1, item);
                        st.executeUpdate();
                    }
                }
                try (java.sql.PreparedStatement st = c.prepareStatement("DELETE FROM analysis.item WHERE id = ?")) {
                    st.setObject(1, item);
                    st.executeUpdate();
                }
            }
            clearStoredList();
        }
    }

    private static void clearStoredList() throws java.sql.SQLException {
        try (java.sql.Connection c = TestDatabase.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("DELETE FROM analysis.un_list");
        }
    }

    private static void serve(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        UnListServer.server.resetAll();
        UnListServer.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(response));
    }

    private static void assertOutcome(UnListRefresh refresh, String outcome, String reasonPart) {
        assertThat(refresh.outcome()).as("outcome (%s)", refresh.reason()).isEqualTo(outcome);
        if (reasonPart != null) {
            assertThat(refresh.reason()).contains(reasonPart);
        }
    }

    private static String bundled() throws IOException {
        try (InputStream in = CurrentEngine.class.getResourceAsStream("/panelwatch/un/un-consolidated-list-dprk.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
