package org.panelwatch.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The contract's read API (analysis-service), called as a dashboard with the reader key. */
public final class ReadApi {

    /** Keyset pages followed at most this far when a test looks for its own rows in a shared database. */
    private static final int MAX_PAGES = 20;

    private final RunningStack.Stack stack;

    public ReadApi(RunningStack.Stack stack) {
        this.stack = stack;
    }

    private RequestSpecification request() {
        return given().baseUri(stack.analysisUrl()).auth().oauth2(stack.readerKey()).accept(ContentType.JSON);
    }

    /** The item when the analysis service has stored it; empty while it answers 404. */
    public Optional<JsonPath> item(String id) {
        Response response = request().when().get("/api/v1/items/{id}", id);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        response.then().statusCode(200);
        return Optional.of(response.jsonPath());
    }

    public JsonPath awaitItem(String id) {
        return Await.until("item " + id + " at GET /api/v1/items/{id}", () -> item(id));
    }

    /** Every signal of {@code type} that {@code which} accepts, following the cursor. */
    public List<Map<String, Object>> signals(String type, Predicate<Map<String, Object>> which) {
        return collect("/api/v1/signals", Map.of("type", type, "limit", 500), which, MAX_PAGES);
    }

    /** Items listed with the given filters that {@code which} accepts, following the cursor. */
    public List<Map<String, Object>> items(Map<String, ?> query, Predicate<Map<String, Object>> which) {
        return collect("/api/v1/items", query, which, MAX_PAGES);
    }

    /** As {@link #items}, following up to {@code pages} pages (for workloads larger than a few pages). */
    public List<Map<String, Object>> itemsUpTo(Map<String, ?> query, Predicate<Map<String, Object>> which, int pages) {
        return collect("/api/v1/items", query, which, pages);
    }

    /**
     * Waits until at least {@code count} items whose URL carries {@code token} are listed since {@code
     * since}, and answers them all (a large workload: up to 200 pages of 500).
     */
    public List<Map<String, Object>> awaitItemsOf(String token, String since, int count, Duration timeout) {
        return Await.until(count + " items of " + token + " stored", timeout, () -> {
            List<Map<String, Object>> mine = itemsUpTo(Map.of("since", since, "limit", 500),
                    i -> String.valueOf(i.get("url")).contains(token), 200);
            return mine.size() >= count ? Optional.of(mine) : Optional.empty();
        });
    }

    public JsonPath story(String storyId) {
        return request().when().get("/api/v1/stories/{id}", storyId).then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> collect(String path, Map<String, ?> query, Predicate<Map<String, Object>> which, int maxPages) {
        List<Map<String, Object>> found = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            RequestSpecification request = request().queryParams(query);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath answer = request.when().get(path).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = answer.getList("items");
            items.stream().filter(which).forEach(found::add);
            cursor = answer.getString("nextCursor");
            if (cursor == null || items.isEmpty()) {
                break;
            }
        }
        return found;
    }
}
