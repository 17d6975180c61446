package org.panelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.support.RawTopic;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class ItemResourceTest {

    private static final String INGEST_KEY = "dev-ingest-key";

    @TestHTTPResource("/api/v1/items")
    java.net.URL items;
    private final String run = UUID.randomUUID().toString();

    @Test
    void pushedMessyArticlesReachTheTopicCleaned() {
        ArrayNode items = RawTopic.JSON.createArrayNode();
        items.add(item("https://news.example.org/" + run + "/fenced", "Tankers meet at night", fixture("fenced-repeated.txt")));
        items.add(item("https://news.example.org/" + run + "/captions", "Tanker seen loading fuel off Nampo", fixture("captions-trailer.txt")));
        items.add(item("https://news.example.org/" + run + "/html", "Troops train at a range near Vladivostok", fixture("page.html")));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        List<String> ids = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .header("traceparent", traceparent).body(items.toString())
                .when().post("/api/v1/items")
                .then().statusCode(202)
                .body("items.status", contains("accepted", "accepted", "accepted"))
                .extract().jsonPath().getList("items.id");

        Map<String, ConsumerRecord<String, String>> records = RawTopic.recordsWithKeys(ids).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> r));
        assertThat(records).hasSize(3);
        ConsumerRecord<String, String> fencedRecord = records.get(ids.get(0));
        assertThat(new String(fencedRecord.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/json");
        // The caller's trace goes on; the span it names on the record is ingest's own publish span.
        assertThat(new String(fencedRecord.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(traceparent);

        NewsItemEvent fenced = RawTopic.event(fencedRecord);
        assertThat(fenced.schemaVersion()).isEqualTo(1);
        assertThat(fenced.id()).isEqualTo(ids.get(0));
        assertThat(fenced.text()).doesNotContain("```").startsWith("Overview\n\nCoast guard officers");
        assertThat(occurrences(fenced.text(), "Investigators expect to present their findings")).isEqualTo(1);
        assertThat(fenced.text().split("\n\n")).hasSize(8);
        assertThat(fenced.normalisation().removedCodeFences()).isEqualTo(2);
        assertThat(fenced.normalisation().removedRepeatedParagraphs()).isEqualTo(3);

        NewsItemEvent captions = RawTopic.event(records.get(ids.get(1)));
        assertThat(captions.text()).doesNotContain("Satellite image of the tanker at anchor", "পাঠকের");
        assertThat(captions.text()).endsWith("The ministry of unification declined to comment on the images.");
        assertThat(captions.text().split("\n\n")).hasSize(6);
        assertThat(captions.lang()).isEqualTo("en");
        assertThat(captions.normalisation().languageDetected()).isTrue();

        NewsItemEvent page = RawTopic.event(records.get(ids.get(2)));
        assertThat(page.text()).doesNotContain("<", "Photo: Handout", "Share this article", "Комментарии", "Home")
                .contains("trained together at a range near Vladivostok", "& its aftermath");
        assertThat(page.url()).isEqualTo("https://news.example.org/" + run + "/html");
    }

    @Test
    void oneItemArrayAndNdjsonAreAcceptedInRequestOrder() {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(item("https://news.example.org/" + run + "/single", "One", "A single item.").toString())
                .when().post("/api/v1/items")
                .then().statusCode(202).body("items", hasSize(1)).body("items[0].status", is("accepted"));

        String ndjson = item("https://news.example.org/" + run + "/nd1", "First", "First line item.") + "\n"
                + item("https://news.example.org/" + run + "/nd2", "Second", "Second line item.") + "\n";
        List<String> ids = given().auth().oauth2(INGEST_KEY).contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/items")
                .then().statusCode(202).body("items.status", contains("accepted", "accepted"))
                .extract().jsonPath().getList("items.id");
        assertThat(RawTopic.recordsWithKeys(ids)).extracting(r -> RawTopic.event(r).title())
                .containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void theSameArticleUnderTrackingParametersIsADuplicateAndSentOnce() {
        String url = "https://News.Example.org/" + run + "/story?id=7";
        ArrayNode batch = RawTopic.JSON.createArrayNode();
        batch.add(item(url, "Story", "The story."));
        batch.add(item("https://news.example.org/" + run + "/story?utm_source=x&id=7&fbclid=abc#comments", "Story again", "The story."));
        batch.add(item("https://news.example.org/" + run + "/other", "Other", "Another story."));

        ValidatableResponse first = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(batch.toString())
                .when().post("/api/v1/items")
                .then().statusCode(202).body("items.status", contains("accepted", "duplicate", "accepted"));
        List<String> ids = first.extract().jsonPath().getList("items.id");
        assertThat(ids.get(1)).isEqualTo(ids.get(0));

        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(batch.toString())
                .when().post("/api/v1/items")
                .then().statusCode(202).body("items.status", contains("duplicate", "duplicate", "duplicate"))
                .body("items.id", contains(ids.toArray()));

        assertThat(RawTopic.recordsWithKeys(List.of(ids.get(0)))).hasSize(1);
    }

    @Test
    void itemsWithoutUrlAreIdentifiedBySourceIdOrByText() {
        ObjectNode bySource = RawTopic.JSON.createObjectNode().put("title", "T").put("body", "Body one.")
                .put("source", "Wire " + run).put("externalId", "A-1");
        ObjectNode bySourceEdited = bySource.deepCopy().put("body", "Body one, corrected.");
        ObjectNode byText = RawTopic.JSON.createObjectNode().put("title", "Text only " + run).put("body", "<p>Same  text.</p>");
        ObjectNode byTextAgain = RawTopic.JSON.createObjectNode().put("title", "Text only " + run).put("body", "Same text.");
        ArrayNode batch = RawTopic.JSON.createArrayNode().add(bySource).add(bySourceEdited).add(byText).add(byTextAgain);

        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(batch.toString())
                .when().post("/api/v1/items")
                .then().statusCode(202).body("items.status", contains("accepted", "duplicate", "accepted", "duplicate"));
    }

    @Test
    void malformedJsonIsExplainedWithoutTheReadersInside() {
        Map<String, String> bodies = Map.of(
                "[".repeat(5_000) + "]".repeat(5_000), "the JSON is nested deeper than",
                "{\"title\": \"t\", \"body\": NaN}", "NaN is not a number JSON allows",
                "{\n  \"title\": \"t\",\n  \"body\" x\n}", "line 3, column 10: unexpected character 'x'");
        bodies.forEach((body, explanation) -> {
            for (String type : List.of("application/json", "application/x-ndjson")) {
                String ndjsonBody = type.equals("application/json") ? body : body.replace("\n", " ");
                String detail = given().auth().oauth2(INGEST_KEY).contentType(type)
                        .body(ndjsonBody.getBytes(StandardCharsets.UTF_8))
                        .when().post("/api/v1/items")
                        .then().statusCode(400).contentType(startsWith("application/problem+json"))
                        .extract().body().asString();
                assertThat(detail).as(type).doesNotContain("StreamReadConstraints", "JsonReadFeature", "com.fasterxml",
                        "java.", "Exception", "`");
                if (type.equals("application/json")) {
                    assertThat(detail).contains(explanation);
                }
            }
        });
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body("{\"title\": \"x\", ")
                .when().post("/api/v1/items")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("status", is(400));
        given().auth().oauth2(INGEST_KEY).contentType("application/x-ndjson")
                .body("{\"title\":\"a\",\"body\":\"b\"}\n{oops\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/items")
                .then().statusCode(400).body("detail", containsString("line 2"));
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body("{\"title\":\"a\",\"body\":\"b\"} trailing")
                .when().post("/api/v1/items")
                .then().statusCode(400);
    }

    @Test
    void anotherContentTypeIs415() {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.TEXT).body("title: x")
                .when().post("/api/v1/items")
                .then().statusCode(415).contentType(startsWith("application/problem+json")).body("status", is(415));
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(items.toURI())
                .header("Authorization", "Bearer " + INGEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"body\":\"b\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aChunkedBodyOverTenMebibytesIs413AsAProblem() {
        byte[] body = ("{\"title\":\"Big\",\"body\":\"" + "x".repeat(12 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // An InputStream of unknown length goes out chunked, without Content-Length.
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(new java.io.ByteArrayInputStream(body))
                .when().post("/api/v1/items")
                .then().statusCode(413).contentType(startsWith("application/problem+json")).body("status", is(413));
    }

    @Test
    void aNulCharacterInTheUrlIs400() {
        given().urlEncodingEnabled(false).auth().oauth2(INGEST_KEY).when().get("/api/v1/feeds?name=a%00b")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aPublishedTimePostgresCannotHoldIs422() {
        ObjectNode item = item(null, "Far future", "A text.").put("published", "+999999999-12-31T23:59:59Z");
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(item.toString())
                .when().post("/api/v1/items")
                .then().statusCode(422).body("errors.field", hasItem("published"));
    }

    @Test
    void nulCharactersAreRemovedFromEveryFieldBeforeTheItemGoesOut() {
        String item = "{\"url\":\"https://example.org/nul/" + run + "\",\"title\":\"t\\u0000itle\",\"body\":\"b\\u0000ody\","
                + "\"source\":\"s\\u0000\",\"externalId\":\"x\\u0000\"}";
        String id = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body("[" + item + "]")
                .when().post("/api/v1/items")
                .then().statusCode(202).extract().path("items[0].id");
        ConsumerRecord<String, String> record = RawTopic.recordsWithKeys(List.of(id)).get(0);
        // PostgreSQL text cannot hold U+0000; an item acknowledged with one could not be stored downstream.
        assertThat(record.value()).doesNotContain("\\u0000").contains("\"title\":\"title\"").contains("\"s\"");
    }

    @Test
    void moreThanAThousandItemsIs413() {
        ArrayNode batch = RawTopic.JSON.createArrayNode();
        for (int i = 0; i < 1001; i++) {
            batch.add(item(null, "t", "b"));
        }
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(batch.toString())
                .when().post("/api/v1/items")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aBodyOverTenMebibytesIs413() {
        String body = "x".repeat(10 * 1024 * 1024 + 10);
        ObjectNode item = RawTopic.JSON.createObjectNode().put("title", "Big").put("body", body);
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(item.toString())
                .when().post("/api/v1/items")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }

    @Test
    void everyInvalidFieldOfEveryItemIsListedAndNothingIsAccepted() {
        String goodUrl = "https://news.example.org/" + run + "/good-in-bad-batch";
        ArrayNode batch = RawTopic.JSON.createArrayNode();
        batch.add(item(goodUrl, "Good", "A good item."));
        batch.add(RawTopic.JSON.createObjectNode().put("body", "no title").put("url", "ftp://example.org/x"));
        batch.add(RawTopic.JSON.createObjectNode().put("title", "t").put("body", 3).put("published", "yesterday"));
        batch.add("not an object");
        batch.add(RawTopic.JSON.createObjectNode().put("title", " ").put("body", "b").put("lang", "english language"));

        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(batch.toString())
                .when().post("/api/v1/items")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors", hasSize(7))
                .body("errors.collect { it.index + ':' + it.field }", containsInAnyOrder(
                        "1:title", "1:url", "2:body", "2:published", "3:item", "4:title", "4:lang"));

        String id = given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body(item(goodUrl, "Good", "A good item.").toString())
                .when().post("/api/v1/items")
                .then().statusCode(202).body("items[0].status", is("accepted"))
                .extract().path("items[0].id");
        assertThat(id).isNotNull();
    }

    @Test
    void aSingleInvalidItemHasNoIndexAndFurnitureOnlyTextIsInvalid() {
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON).body("{\"title\":\"t\"}")
                .when().post("/api/v1/items")
                .then().statusCode(422).body("errors[0].field", is("body")).body("errors[0].index", is((Object) null));
        given().auth().oauth2(INGEST_KEY).contentType(ContentType.JSON)
                .body(RawTopic.JSON.createArrayNode().add(item(null, "t", "<script>x()</script>```\nShare this article")).toString())
                .when().post("/api/v1/items")
                .then().statusCode(422).body("errors[0].field", is("body")).body("errors[0].index", is(0));
    }

    @Test
    void onlyTheIngestRoleMayPush() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/items").then().statusCode(401);
        given().auth().oauth2("dev-reader-key").contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/items").then().statusCode(403);
        given().auth().oauth2("dev-admin-key").contentType(ContentType.JSON)
                .body(item("https://news.example.org/" + run + "/admin", "By admin", "Admin may push too.").toString())
                .when().post("/api/v1/items").then().statusCode(202);
    }

    private static ObjectNode item(String url, String title, String body) {
        ObjectNode item = RawTopic.JSON.createObjectNode().put("title", title).put("body", body);
        if (url != null) {
            item.put("url", url);
        }
        return item;
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    static String fixture(String name) {
        try (InputStream in = ItemResourceTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
