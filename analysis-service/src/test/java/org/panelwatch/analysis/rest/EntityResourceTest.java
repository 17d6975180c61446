package org.panelwatch.analysis.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.analysis.support.FakeTaggingEngine;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * GET /api/v1/entities/{id}: a UN-listed entity with its reference, and the items that mention it,
 * newest first, page by page with the cursor; every item once, on the real database.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class EntityResourceTest {

    @Test
    void aListedEntityAnswersWithItsReferenceAndItsItemsPageByPage() throws Exception {
        Instant day = Instant.parse("2090-01-01T08:00:00Z").plus(ThreadLocalRandom.current().nextInt(300_000), ChronoUnit.DAYS);
        List<NewsItemEvent> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // The entity named twice in one item: the item is still listed once.
            mine.add(Broker.item("Mention " + i, FakeTaggingEngine.LISTED + " sold parts. " + Broker.noise(20) + ". "
                    + FakeTaggingEngine.LISTED + " again.", day.plus(i, ChronoUnit.HOURS), "en"));
        }
        Broker.send(mine.toArray(NewsItemEvent[]::new));
        Broker.awaitStored(mine.stream().map(NewsItemEvent::id).toArray(String[]::new));

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2("dev-reader-key").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/entities/KPe.001").then().statusCode(200).extract().jsonPath();
            assertThat(page.getString("id")).isEqualTo("KPe.001");
            assertThat(page.getString("unReference")).isEqualTo("KPe.001");
            assertThat(page.getString("name")).isEqualTo(FakeTaggingEngine.LISTED);
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.getList("items.id", String.class));
            page.getList("items.published", String.class).forEach(p -> times.add(Instant.parse(p)));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10_000);

        assertThat(new HashSet<>(seen)).as("every item once").hasSameSizeAs(seen);
        assertThat(seen).containsSubsequence(mine.get(2).id(), mine.get(1).id(), mine.get(0).id());
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));

        given().auth().oauth2("dev-reader-key").get("/api/v1/entities/KPe.001").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2("dev-reader-key").get("/api/v1/entities/no-such-entity").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2("dev-reader-key").queryParam("cursor", "not-a-cursor")
                .get("/api/v1/entities/KPe.001").then().statusCode(400);
        given().auth().oauth2("dev-reader-key").queryParam("limit", 501)
                .get("/api/v1/entities/KPe.001").then().statusCode(422);
        given().get("/api/v1/entities/KPe.001").then().statusCode(401);
        // A listed entity no item names yet is answered from the UN list in use (the real bundled list).
        given().auth().oauth2("dev-reader-key").get("/api/v1/entities/KPe.020").then().statusCode(200)
                .body("unReference", org.hamcrest.Matchers.equalTo("KPe.020"))
                .body("unListDate", org.hamcrest.Matchers.startsWith("2024-09-26"));
    }
}
