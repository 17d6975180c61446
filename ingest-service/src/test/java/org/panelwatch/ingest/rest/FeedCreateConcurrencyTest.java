package org.panelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Two requests creating the same feed at the same moment (two operators, a retried request, two
 * instances behind a load balancer) against the real database: one answers 201, the other 409 as
 * problem+json, never 500, and one row exists. Repeated, so that both requests often pass the
 * "exists already?" check before either has committed and the unique constraint decides.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class FeedCreateConcurrencyTest {

    private static final String INGEST_KEY = "dev-ingest-key";
    private static final int ROUNDS = 25;

    @Test
    void twoConcurrentCreatesOfOneFeedAnswer201And409NeverA500() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String url = "https://feeds.example.org/race/" + UUID.randomUUID() + ".xml";
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> create(url, together));
            CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> create(url, together));
            List<Response> responses = List.of(first.get(), second.get());

            assertThat(responses).extracting(Response::statusCode).as("round %d, %s", round, url)
                    .containsExactlyInAnyOrder(201, 409);
            Response conflict = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertThat(conflict.contentType()).startsWith("application/problem+json");
            assertThat(conflict.jsonPath().getString("detail")).isEqualTo("A feed with this URL exists already.");
            assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE url = ?", url)).isEqualTo(1);
            answers.add(responses.get(0).statusCode() + "/" + responses.get(1).statusCode());
        }
        assertThat(answers).hasSize(ROUNDS);
    }

    private static Response create(String url, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return given().auth().oauth2(INGEST_KEY).contentType("application/json")
                .body("{\"url\": \"" + url + "\", \"pollIntervalSeconds\": 3600}")
                .when().post("/api/v1/feeds");
    }
}
