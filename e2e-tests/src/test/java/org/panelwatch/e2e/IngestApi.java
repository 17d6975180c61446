package org.panelwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.apache.http.HttpStatus.SC_ACCEPTED;
import static org.apache.http.HttpStatus.SC_CREATED;
import static org.apache.http.HttpStatus.SC_OK;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** The contract's ingest API (ingest-service), called as a client with the ingest key. */
public final class IngestApi {

    /** One line of the ingest answer: the item's id and "accepted" or "duplicate". */
    public record Receipt(String id, String status) {
    }

    /** The whole answer to a push, whatever its status: receipts only with 202, Retry-After only with 503. */
    public record Answer(int status, List<Receipt> receipts, String retryAfter) {
    }

    private final RunningStack.Stack stack;

    public IngestApi(RunningStack.Stack stack) {
        this.stack = stack;
    }

    private RequestSpecification request() {
        return given().baseUri(stack.ingestUrl()).auth().oauth2(stack.ingestKey()).accept(ContentType.JSON);
    }

    /** POSTs one item (a map) or a list of them as JSON; the answer lists one receipt per item, in order. */
    public List<Receipt> push(Object itemOrItems) {
        JsonPath answer = request().contentType(ContentType.JSON).body(itemOrItems)
                .when().post("/api/v1/items")
                .then().statusCode(SC_ACCEPTED).extract().jsonPath();
        List<Map<String, Object>> items = answer.getList("items");
        return items.stream().map(m -> new Receipt((String) m.get("id"), (String) m.get("status"))).toList();
    }

    /** POSTs a list of items as JSON and returns the answer as it is, for a client that retries on 503. */
    public Answer offer(List<Map<String, Object>> items) {
        Response response = request().contentType(ContentType.JSON).body(items).when().post("/api/v1/items");
        if (response.statusCode() != SC_ACCEPTED) {
            return new Answer(response.statusCode(), List.of(), response.header("Retry-After"));
        }
        List<Map<String, Object>> receipts = response.jsonPath().getList("items");
        return new Answer(SC_ACCEPTED,
                receipts.stream().map(m -> new Receipt((String) m.get("id"), (String) m.get("status"))).toList(), null);
    }

    /** Registers a feed and returns the answer (with its id). */
    public JsonPath registerFeed(String url, String name) {
        return request().contentType(ContentType.JSON)
                .body(Map.of("url", url, "name", name, "pollIntervalSeconds", 3600))
                .when().post("/api/v1/feeds")
                .then().statusCode(SC_CREATED).extract().jsonPath();
    }

    public JsonPath pollFeed(String feedId) {
        return request().when().post("/api/v1/feeds/{id}/poll", feedId)
                .then().statusCode(SC_OK).extract().jsonPath();
    }

    public JsonPath feed(String feedId) {
        return request().when().get("/api/v1/feeds/{id}", feedId)
                .then().statusCode(SC_OK).extract().jsonPath();
    }

    public void deleteFeed(String feedId) {
        request().when().delete("/api/v1/feeds/{id}", feedId);
    }
}
