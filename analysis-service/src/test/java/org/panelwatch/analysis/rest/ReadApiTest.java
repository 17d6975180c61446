package org.panelwatch.analysis.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.analysis.support.FakeTaggingEngine;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * The read API on items that went through Kafka: every filter, pagination to the end, ETags, errors,
 * /analyze and retag. Each test that reads items stores its own (JUnit makes a new instance per test),
 * with a word of their own (token) and dates of their own (base), so neither another test of this
 * class, in any order, nor rows left by earlier runs in the test database disturb the expectations.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class ReadApiTest {

    private static final String SIGNAL = "Russia received artillery shells from North Korea, officials said.";
    private final String TOKEN = "tok" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private final Instant BASE = Instant.parse("2031-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextInt(3000), ChronoUnit.DAYS);

    private NewsItemEvent i1, i2, i3, i4, i5, i6, i7;
    private List<String> newestFirst;

    /** Seven items of this test through Kafka, stored and tagged, before the test reads them. */
    private void storeItems() throws Exception {
        i1 = item("arms-transfer. " + SIGNAL + " The " + FakeTaggingEngine.LISTED + " arranged payment.", day(0, 10), "en");
        i2 = item("petroleum", day(1, 10), "ru");
        i3 = item("arms-transfer and maritime-evasion", day(2, 10), "en");
        i4 = item("sanctions-monitoring", day(2, 10), "de");
        i5 = item("nothing to tag", day(3, 10), "en");
        i6 = item("wmd-missile without a publication date", null, "en");
        i7 = item("wmd-missile", day(4, 12), "en");
        Broker.send(i1, i2, i3, i4, i5, i6, i7);
        Broker.awaitStored(i1.id(), i2.id(), i3.id(), i4.id(), i5.id(), i6.id(), i7.id());
        // Equal times are ordered by id, descending.
        List<String> tie = new ArrayList<>(List.of(i3.id(), i4.id()));
        tie.sort(java.util.Comparator.reverseOrder());
        newestFirst = List.of(i7.id(), i5.id(), tie.get(0), tie.get(1), i2.id(), i1.id(), i6.id());
    }

    @Test
    void itemsAreNewestFirstByPublishedElseIngestionTimeTiesById() throws Exception {
        storeItems();
        assertThat(ids(list(Map.of()))).isEqualTo(newestFirst);
        Response r = reader().queryParam("q", TOKEN).get("/api/v1/items");
        r.then().statusCode(200).body("nextCursor", org.hamcrest.Matchers.nullValue());
        assertThat(r.jsonPath().getString("items[0].published")).isEqualTo(i7.published().toString());
        assertThat(r.jsonPath().getList("items[0].topics.id")).containsExactly("wmd-missile");
    }

    @Test
    void topicFilterTakesOneOrSeveralIds() throws Exception {
        storeItems();
        assertThat(ids(list(Map.of("topic", "arms-transfer")))).containsExactly(i3.id(), i1.id());
        assertThat(ids(list(Map.of("topic", "arms-transfer,petroleum")))).containsExactly(i3.id(), i2.id(), i1.id());
    }

    @Test
    void signalLangAndTimeFilters() throws Exception {
        storeItems();
        assertThat(ids(list(Map.of("signal", "russia-dprk-military")))).containsExactly(i1.id());
        assertThat(ids(list(Map.of("lang", "ru")))).containsExactly(i2.id());
        assertThat(ids(list(Map.of("since", day(1, 0).toString(), "until", day(3, 0).toString()))))
                .containsExactlyInAnyOrder(i3.id(), i4.id(), i2.id());
        assertThat(ids(list(Map.of("topic", "arms-transfer", "since", day(1, 0).toString())))).containsExactly(i3.id());
        assertThat(ids(list(Map.of("lang", "en", "topic", "wmd-missile")))).containsExactly(i7.id(), i6.id());
    }

    @Test
    void fullTextSearchMatchesWords() throws Exception {
        storeItems();
        assertThat(ids(list(Map.of("q", TOKEN + " maritime")))).containsExactly(i3.id());
        assertThat(ids(list(Map.of("q", TOKEN + " \"without a publication\"")))).containsExactly(i6.id());
    }

    @Test
    void paginationWalksToTheEndWithoutGapsOrRepeats() throws Exception {
        storeItems();
        for (Map<String, String> filter : List.of(Map.<String, String>of(), Map.of("topic", "arms-transfer,wmd-missile"),
                Map.of("topic", "arms-transfer"))) {
            List<String> all = ids(list(filter));
            List<String> walked = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification request = reader().queryParam("q", TOKEN).queryParam("limit", 2).queryParams(filter);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/v1/items").then().statusCode(200).extract().jsonPath();
                walked.addAll(page.getList("items.id", String.class));
                cursor = page.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 20);
            assertThat(walked).isEqualTo(all);
        }
    }

    @Test
    void everyReadAnswerHasAnETagAndIfNoneMatchGives304() throws Exception {
        storeItems();
        for (String path : List.of("/api/v1/items?q=" + TOKEN, "/api/v1/items/" + i1.id(), "/api/v1/topics",
                "/api/v1/signals?type=russia-dprk-military", "/api/v1/stories/" + i1.id(),
                "/api/v1/stats/topics?since=" + BASE + "&until=" + day(5, 0))) {
            String etag = reader().get(path).then().statusCode(200).extract().header("ETag");
            assertThat(etag).as(path).isNotBlank();
            reader().header("If-None-Match", etag).get(path).then().statusCode(304);
            reader().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        }
    }

    @Test
    void itemDetailCarriesTopicsWithResolutionsAndEvidenceEntitiesSignalsAndStory() throws Exception {
        storeItems();
        JsonPath item = reader().get("/api/v1/items/" + i1.id()).then().statusCode(200).extract().jsonPath();
        assertThat(item.getString("text")).isEqualTo(i1.text());
        assertThat(item.getString("storyId")).isEqualTo(i1.id());
        assertThat(item.getString("duplicateOf")).isNull();
        assertThat(item.getString("topics[0].id")).isEqualTo("arms-transfer");
        assertThat(item.getList("topics[0].resolutions.resolution", String.class)).contains("1718");
        assertThat(item.getString("topics[0].name")).isEqualTo("Arms transfers");
        int start = item.getInt("topics[0].evidence[0].start");
        int end = item.getInt("topics[0].evidence[0].end");
        assertThat(i1.text().substring(start, end)).isEqualTo(item.getString("topics[0].evidence[0].text"));
        assertThat(item.getString("entities[0].unReference")).isEqualTo("KPe.001");
        assertThat(item.getString("entities[0].type")).isEqualTo("entity");
        assertThat(item.getString("signals[0].type")).isEqualTo("russia-dprk-military");
        assertThat(item.getString("signals[0].severity")).isEqualTo("high");
        assertThat(item.getBoolean("signals[0].firstInStory")).isTrue();
        assertThat(item.getString("signals[0].evidence[0].text")).isEqualTo(SIGNAL);
    }

    @Test
    void signalsListFiltersByTypeSinceAndMinScore() throws Exception {
        storeItems();
        JsonPath page = reader().queryParam("type", "russia-dprk-military").queryParam("since", BASE.toString())
                .queryParam("limit", 500).get("/api/v1/signals").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.itemId", String.class)).contains(i1.id());
        int at = page.getList("items.itemId", String.class).indexOf(i1.id());
        assertThat(page.getString("items[" + at + "].title")).isEqualTo(i1.title());
        assertThat(page.getString("items[" + at + "].evidence[0].text")).isEqualTo(SIGNAL);
        assertThat(reader().queryParam("since", BASE.toString()).queryParam("minScore", "0.99").queryParam("limit", 500)
                .get("/api/v1/signals").then().statusCode(200).extract().jsonPath().getList("items.itemId"))
                .doesNotContain(i1.id());
        assertThat(reader().queryParam("type", "no-such-signal").get("/api/v1/signals")
                .then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void statsCountItemsPerTopicPerBucket() throws Exception {
        storeItems();
        JsonPath stats = reader().queryParam("since", BASE.toString()).queryParam("until", day(5, 0).toString())
                .queryParam("bucket", "day").get("/api/v1/stats/topics").then().statusCode(200).extract().jsonPath();
        assertThat(stats.getString("bucket")).isEqualTo("day");
        assertThat(stats.getInt("topics.find { it.id == 'arms-transfer' }.total")).isEqualTo(2);
        assertThat(stats.getList("topics.find { it.id == 'arms-transfer' }.buckets.start", String.class))
                .containsExactly(day(0, 0).toString(), day(2, 0).toString());
        JsonPath hours = reader().queryParam("since", BASE.toString()).queryParam("until", day(5, 0).toString())
                .queryParam("bucket", "hour").get("/api/v1/stats/topics").then().statusCode(200).extract().jsonPath();
        assertThat(hours.getList("topics.find { it.id == 'wmd-missile' }.buckets.start", String.class))
                .containsExactly(day(4, 12).toString());
    }

    @Test
    void badParametersAreProblems() {
        expectProblem(reader().queryParam("limit", 0).get("/api/v1/items"), 422);
        expectProblem(reader().queryParam("limit", 501).get("/api/v1/items"), 422);
        expectProblem(reader().queryParam("limit", "ten").get("/api/v1/items"), 400);
        expectProblem(reader().queryParam("since", "yesterday").get("/api/v1/items"), 400);
        expectProblem(reader().queryParam("since", day(2, 0).toString()).queryParam("until", day(1, 0).toString())
                .get("/api/v1/items"), 422);
        expectProblem(reader().queryParam("cursor", "garbage!").get("/api/v1/items"), 400);
        expectProblem(reader().queryParam("topic", "no-such-topic").get("/api/v1/items"), 422);
        expectProblem(reader().queryParam("lang", "???").get("/api/v1/items"), 422);
        expectProblem(reader().queryParam("minScore", "2").get("/api/v1/signals"), 422);
        expectProblem(reader().queryParam("bucket", "week").get("/api/v1/stats/topics"), 422);
        expectProblem(reader().queryParam("bucket", "hour").queryParam("since", "2020-01-01").get("/api/v1/stats/topics"), 422);
        expectProblem(reader().get("/api/v1/items/" + java.util.UUID.randomUUID()), 404);
        expectProblem(reader().get("/api/v1/items/not-an-id"), 404);
        JsonPath problem = reader().queryParam("limit", 0).queryParam("topic", "nope").get("/api/v1/items")
                .then().extract().jsonPath();
        assertThat(problem.getList("errors.field")).containsExactlyInAnyOrder("limit", "topic");
    }

    @Test
    void aMinScoreThatIsNoNumberIsRefusedNamingIt() {
        // Double.valueOf reads them all, and NaN passed the old range check (NaN < 0 and NaN > 1 are both false).
        for (String notANumber : List.of("NaN", "Infinity", "-Infinity")) {
            JsonPath problem = expectProblem(reader().queryParam("minScore", notANumber).get("/api/v1/signals"), 422);
            assertThat(problem.getList("errors.field")).as(notANumber).containsExactly("minScore");
        }
    }

    @Test
    void anUnreadableLimitIsA400NamingIt() {
        for (String path : List.of("/api/v1/items", "/api/v1/signals")) {
            JsonPath problem = expectProblem(reader().queryParam("limit", "abc").get(path), 400);
            assertThat(problem.getString("detail")).as(path).contains("limit");
        }
    }

    @Test
    void aMalformedBodyIsExplainedWithoutTheReadersInside() {
        Map<String, String> bodies = Map.of(
                "{\"body\": NaN}", "line 1, column 13: NaN is not a number JSON allows",
                // Inside a field the request does not know: a root array would be refused as the wrong type first.
                "{\"x\": " + "[".repeat(5_000) + "]".repeat(5_000) + ", \"body\": \"a\"}", "the JSON is nested deeper than 1000 levels",
                "{\n\"body\" \"x\"}", "line 2, column 8: unexpected character '\"'");
        bodies.forEach((body, explanation) -> {
            String detail = expectProblem(reader().contentType("application/json").body(body).post("/api/v1/analyze"), 400)
                    .getString("detail");
            assertThat(detail).contains(explanation)
                    .doesNotContain("StreamReadConstraints", "JsonReadFeature", "com.fasterxml", "java.", "Exception", "`");
        });
    }

    @Test
    void whatPostgresCannotHoldIsA400NotA500() {
        // java.time parses the year one billion; timestamptz ends in 294276 AD.
        expectProblem(reader().queryParam("since", "+999999999-12-31T23:59:59Z").get("/api/v1/items"), 400);
        expectProblem(reader().queryParam("until", "-999999999-01-01T00:00:00Z").get("/api/v1/stats/topics"), 400);
        String farCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "1|31556889864403199|999999999|00000000-0000-0000-0000-000000000000".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expectProblem(reader().queryParam("cursor", farCursor).get("/api/v1/signals"), 400);
        // Text cannot hold U+0000: refused in a URL, removed from a body.
        expectProblem(reader().urlEncodingEnabled(false).get("/api/v1/items?q=a%00b"), 400);
        reader().contentType("application/json").body("{\"body\":\"a\\u0000b\"}").post("/api/v1/analyze").then().statusCode(200);
        expectProblem(reader().contentType("application/json").body("{\"body\":\"a\"} {\"body\":\"b\"}").post("/api/v1/analyze"), 400);
    }

    @Test
    void analyzeAnswersWhatAnItemWouldGetAndStoresNothing() {
        String word = "tok" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        JsonPath result = reader().contentType("application/json")
                .body(Map.of("title", "Trial", "body", "petroleum " + word + ". " + SIGNAL, "lang", "en"))
                .post("/api/v1/analyze").then().statusCode(200).extract().jsonPath();
        assertThat(result.getList("topics.id")).containsExactly("petroleum");
        assertThat(result.getList("topics[0].resolutions.resolution", String.class)).contains("2397");
        assertThat(result.getString("signals[0].type")).isEqualTo("russia-dprk-military");
        assertThat(result.getString("signals[0].evidence[0].field")).isEqualTo("body");
        assertThat(reader().queryParam("q", word).get("/api/v1/items").then().extract().jsonPath().getList("items")).isEmpty();

        JsonPath missing = expectProblem(reader().contentType("application/json").body(Map.of("title", "only"))
                .post("/api/v1/analyze"), 422);
        assertThat(missing.getList("errors.field")).containsExactly("body");
        expectProblem(reader().contentType("application/json").body("{\"body\": ").post("/api/v1/analyze"), 400);
        given().auth().oauth2("dev-ingest-key").contentType("application/json").body(Map.of("body", "x"))
                .post("/api/v1/analyze").then().statusCode(403);
    }

    @Test
    void retagReappliesTheCatalogueToStoredItemsSinceATime() throws Exception {
        storeItems();
        // A retag another test class's application left behind would answer this one 409.
        try (java.sql.Connection c = TestDatabase.connect()) {
            c.createStatement().execute("DELETE FROM analysis.retag_job");
        }
        given().auth().oauth2("dev-reader-key").post("/api/v1/admin/retag").then().statusCode(403);
        FakeTaggingEngine.tagAlso("luxury-goods");
        try {
            Response started = given().auth().oauth2("dev-admin-key").queryParam("since", BASE.toString())
                    .post("/api/v1/admin/retag");
            started.then().statusCode(202);
            String job = started.jsonPath().getString("id");
            await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(given().auth().oauth2("dev-admin-key")
                    .get("/api/v1/admin/retag/" + job).then().statusCode(200).extract().jsonPath().getString("status")));
            JsonPath summary = given().auth().oauth2("dev-admin-key").get("/api/v1/admin/retag/" + job).jsonPath();
            assertThat(summary.getLong("itemsProcessed")).isGreaterThanOrEqualTo(6);
            assertThat(summary.getLong("itemsChanged")).isGreaterThanOrEqualTo(6);
            // Started by the admin, written to the audit log with the time it started from.
            assertThat(TestDatabase.count("SELECT count(*) FROM analysis.audit_event WHERE target = ? AND actor = 'admin' "
                    + "AND action = 'retag.started' AND detail->>'since' = ?", job, BASE.toString())).isEqualTo(1);
        } finally {
            FakeTaggingEngine.tagAlso(null);
        }
        // i6 has no publication date and was ingested before BASE: it is not re-tagged.
        assertThat(ids(list(Map.of("topic", "luxury-goods"))))
                .containsExactlyInAnyOrder(i7.id(), i5.id(), i4.id(), i3.id(), i2.id(), i1.id());
        JsonPath detail = reader().get("/api/v1/items/" + i1.id()).then().extract().jsonPath();
        assertThat(detail.getList("topics.id")).containsExactlyInAnyOrder("arms-transfer", "luxury-goods");
        assertThat(detail.getBoolean("signals[0].firstInStory")).isTrue();
        expectProblem(given().auth().oauth2("dev-admin-key").get("/api/v1/admin/retag/" + java.util.UUID.randomUUID()), 404);
    }

    private NewsItemEvent item(String text, Instant published, String lang) {
        // Every test stores an i1 with the same sentences: 100 random words keep each one's text far below
        // the story threshold (0.3) of the others', so each i1 starts its own story and publishes its signal.
        return Broker.item("Item " + Broker.noise(2), text + " " + TOKEN + " " + Broker.noise(100), published, lang);
    }

    private Instant day(int days, int hour) {
        return BASE.plus(days, ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS);
    }

    private static RequestSpecification reader() {
        return given().auth().oauth2("dev-reader-key");
    }

    private JsonPath list(Map<String, String> filter) {
        Map<String, String> params = new java.util.HashMap<>(Map.of("q", TOKEN, "limit", "500"));
        params.putAll(filter);
        return reader().queryParams(params).get("/api/v1/items")
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id", String.class);
    }

    private static JsonPath expectProblem(Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith("application/problem+json"))
                .extract().jsonPath();
    }
}
