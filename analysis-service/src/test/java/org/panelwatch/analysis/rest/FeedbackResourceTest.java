package org.panelwatch.analysis.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Feedback on items that went through Kafka into the real database: who may give it, what is refused
 * (problem+json, every bad field named), and the devset export that replays it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class FeedbackResourceTest {

    private static NewsItemEvent signalled;
    private static NewsItemEvent quiet;

    @BeforeAll
    static void storeItems() throws Exception {
        signalled = Broker.item("Shells " + Broker.noise(2),
                "arms-transfer. Russia received artillery shells from North Korea, officials said. " + Broker.noise(20),
                Instant.parse("2030-03-01T08:00:00Z"), "en");
        quiet = Broker.item("Quiet " + Broker.noise(2), "petroleum. A tanker was seen near the port. " + Broker.noise(20),
                null, "en");
        Broker.send(signalled, quiet);
        Broker.awaitStored(signalled.id(), quiet.id());
    }

    @Test
    void confirmedIsRecordedWithTheCallerAndListedOnTheItem() {
        JsonPath given = as("dev-reader-key").contentType(ContentType.JSON)
                .body(Map.of("verdict", "confirmed", "note", "Matches the ministry's briefing"))
                .post("/api/v1/items/" + signalled.id() + "/feedback")
                .then().statusCode(201).extract().jsonPath();
        assertThat(given.getString("verdict")).isEqualTo("confirmed");
        assertThat(given.getString("callerRole")).isEqualTo("reader");
        assertThat(given.getString("itemId")).isEqualTo(signalled.id());

        as("dev-admin-key").contentType(ContentType.JSON).body(Map.of("note", "seen by the desk"))
                .post("/api/v1/items/" + signalled.id() + "/feedback").then().statusCode(201);

        List<Map<String, Object>> listed = as("dev-reader-key").get("/api/v1/items/" + signalled.id() + "/feedback")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(listed).extracting(m -> m.get("callerRole")).containsSubsequence("reader", "admin");
        assertThat(listed).extracting(m -> m.get("note")).contains("Matches the ministry's briefing", "seen by the desk");
    }

    @Test
    void badFeedbackIsRefusedWithEveryFieldNamed() {
        JsonPath p = problem(as("dev-reader-key").contentType(ContentType.JSON)
                .body(Map.of("verdict", "maybe", "note", "x".repeat(2001)))
                .post("/api/v1/items/" + signalled.id() + "/feedback"), 422);
        assertThat(p.getList("errors.field")).contains("verdict", "note");

        p = problem(as("dev-reader-key").contentType(ContentType.JSON)
                .body(Map.of("topics", Map.of("add", List.of("no-such-topic"))))
                .post("/api/v1/items/" + quiet.id() + "/feedback"), 422);
        assertThat(p.getList("errors.field")).containsExactly("topics.add");

        // "missed" is for an item without a signal; confirmed/false-alarm need one.
        problem(as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("verdict", "missed"))
                .post("/api/v1/items/" + signalled.id() + "/feedback"), 422);
        problem(as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("verdict", "confirmed"))
                .post("/api/v1/items/" + quiet.id() + "/feedback"), 422);
        // Nothing said at all.
        problem(as("dev-reader-key").contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/items/" + quiet.id() + "/feedback"), 422);
        problem(as("dev-reader-key").contentType(ContentType.JSON).body("{\"verdict\": ")
                .post("/api/v1/items/" + quiet.id() + "/feedback"), 400);
        problem(as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("verdict", "missed"))
                .post("/api/v1/items/" + UUID.randomUUID() + "/feedback"), 404);
        problem(as("dev-ingest-key").contentType(ContentType.JSON).body(Map.of("verdict", "missed"))
                .post("/api/v1/items/" + quiet.id() + "/feedback"), 403);
        problem(given().contentType(ContentType.JSON).body(Map.of("verdict", "missed"))
                .post("/api/v1/items/" + quiet.id() + "/feedback"), 401);
    }

    @Test
    void exportIsTheDevsetFormatWithVerdictsAndTopicCorrectionsApplied() throws Exception {
        as("dev-reader-key").contentType(ContentType.JSON)
                .body(Map.of("verdict", "missed", "topics", Map.of("add", List.of("maritime-evasion"), "remove", List.of("petroleum"))))
                .post("/api/v1/items/" + quiet.id() + "/feedback").then().statusCode(201);
        as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("verdict", "false-alarm"))
                .post("/api/v1/items/" + signalled.id() + "/feedback").then().statusCode(201);

        Response r = as("dev-reader-key").get("/api/v1/feedback/export");
        r.then().statusCode(200).contentType(startsWith("application/jsonl"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.asString().split("\n")) {
            lines.add(Broker.JSON.readTree(line));
        }
        JsonNode q = find(lines, quiet.id());
        assertThat(fieldNames(q)).containsExactlyInAnyOrder("id", "title", "body", "lang", "published", "source_url",
                "russia_dprk_military", "topics");
        assertThat(q.get("russia_dprk_military").asBoolean()).isTrue();
        assertThat(q.get("topics").toString()).contains("maritime-evasion").doesNotContain("petroleum");
        assertThat(q.get("title").asText()).isEqualTo(quiet.title());
        assertThat(q.get("source_url").asText()).isEqualTo(quiet.url());
        assertThat(q.get("published").isNull()).isTrue();

        JsonNode s = find(lines, signalled.id());
        // The latest verdict wins: confirmed first, false-alarm later.
        assertThat(s.get("russia_dprk_military").asBoolean()).isFalse();
        assertThat(s.get("topics").toString()).contains("arms-transfer");
        assertThat(s.get("published").asText()).isEqualTo("2030-03-01T08:00:00Z");

        problem(as("dev-ingest-key").get("/api/v1/feedback/export"), 403);
    }

    @Test
    void theSignalListCarriesEachItemsVerdictsAndAFreshAnswerAfterFeedback() throws Exception {
        // An hour of its own, so that the list holds this signal only.
        Instant at = Instant.parse("2035-01-01T00:00:00Z").plus(java.time.Duration.ofHours(new java.util.Random().nextInt(100_000)));
        NewsItemEvent item = Broker.item("Verdicts " + Broker.noise(2),
                "arms-transfer. Russia received artillery shells from North Korea, officials said. " + Broker.noise(20), at, "en");
        Broker.send(item);
        Broker.awaitStored(item.id());
        String list = "/api/v1/signals?since=" + at + "&until=" + at.plusSeconds(3600);

        JsonPath before = as("dev-reader-key").get(list).then().statusCode(200).extract().jsonPath();
        assertThat(before.getString("items[0].itemId")).isEqualTo(item.id());
        assertThat(before.getLong("items[0].verdicts.confirmed")).isZero();
        assertThat(before.getString("items[0].verdicts.latest")).isNull();

        for (String verdict : List.of("confirmed", "confirmed", "false-alarm")) {
            as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("verdict", verdict))
                    .post("/api/v1/items/" + item.id() + "/feedback").then().statusCode(201);
        }
        as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("note", "no verdict, not counted"))
                .post("/api/v1/items/" + item.id() + "/feedback").then().statusCode(201);

        // Asked again at once: the list answered a moment ago must not be reused after feedback.
        JsonPath after = as("dev-reader-key").get(list).then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("items[0].verdicts.confirmed")).isEqualTo(2);
        assertThat(after.getLong("items[0].verdicts.falseAlarms")).isEqualTo(1);
        assertThat(after.getString("items[0].verdicts.latest")).isEqualTo("false-alarm");
    }

    @Test
    void theOverviewCountsEachWeeksSignalsAndVerdictsAndTheTopEntities() throws Exception {
        // A week of its own (far in the future, random), so that other tests' items do not count.
        Instant week = Instant.parse("2040-01-02T00:00:00Z").plus(java.time.Duration.ofDays(7L * new java.util.Random().nextInt(500)));
        NewsItemEvent item = Broker.item("Week " + Broker.noise(2), "arms-transfer. Russia received artillery shells from "
                + "North Korea, officials said. The " + org.panelwatch.analysis.support.FakeTaggingEngine.LISTED
                + " arranged payment. " + Broker.noise(20), week.plus(java.time.Duration.ofHours(30)), "en");
        Broker.send(item);
        Broker.awaitStored(item.id());
        as("dev-reader-key").contentType(ContentType.JSON).body(Map.of("verdict", "confirmed"))
                .post("/api/v1/items/" + item.id() + "/feedback").then().statusCode(201);

        JsonPath overview = as("dev-reader-key").queryParam("since", week.toString())
                .queryParam("until", week.plus(java.time.Duration.ofDays(7)).toString())
                .get("/api/v1/stats/overview").then().statusCode(200).extract().jsonPath();
        assertThat(overview.getList("feedbackPerWeek")).hasSize(1);
        assertThat(overview.getString("feedbackPerWeek[0].weekStart")).isEqualTo(week.toString());
        assertThat(overview.getLong("feedbackPerWeek[0].signals")).isEqualTo(1);
        assertThat(overview.getLong("feedbackPerWeek[0].confirmed")).isEqualTo(1);
        assertThat(overview.getLong("feedbackPerWeek[0].falseAlarms")).isZero();
        assertThat(overview.getList("topEntities.name")).contains(org.panelwatch.analysis.support.FakeTaggingEngine.LISTED);
        assertThat(overview.getList("topEntities.type")).doesNotContain("country");

        problem(as("dev-reader-key").queryParam("since", "2030-01-01T00:00:00Z").queryParam("until", "2029-01-01T00:00:00Z")
                .get("/api/v1/stats/overview"), 422);
    }

    private static JsonNode find(List<JsonNode> lines, String id) {
        return lines.stream().filter(n -> id.equals(n.get("id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no export line for " + id));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RequestSpecification as(String key) {
        return given().auth().oauth2(key);
    }

    private static JsonPath problem(Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith("application/problem+json")).extract().jsonPath();
    }
}
