package org.panelwatch.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.service.ItemIdentity;
import org.panelwatch.ingest.service.ItemSubmission;
import org.panelwatch.ingest.support.RawTopic;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** A test profile of its own: the raw-news producer points at a port where no broker listens. */
@QuarkusTest
@TestProfile(KafkaDownTest.NoBroker.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class KafkaDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panelwatch.ingest.kafka.bootstrap-servers", "127.0.0.1:1",
                    "panelwatch.ingest.kafka.max-block", "2s",
                    "panelwatch.ingest.kafka.delivery-timeout", "3s");
        }
    }

    @Test
    void pushAnswers503WithRetryAfterWithinSecondsAndRecordsNothing() throws Exception {
        String url = "https://news.example.org/" + UUID.randomUUID() + "/while-kafka-is-down";
        String id = ItemIdentity.of(new ItemSubmission(url, "t", "b", null, null, null, null), "t", "b").toString();
        long started = System.nanoTime();

        // A batch: the wait must be bounded once per request, not once per record.
        List<Map<String, String>> batch = new java.util.ArrayList<>();
        batch.add(Map.of("url", url, "title", "Kafka is down", "body", "This item must not be lost."));
        for (int i = 0; i < 20; i++) {
            batch.add(Map.of("url", url + "/" + i, "title", "Item " + i, "body", "Also not lost."));
        }
        given().auth().oauth2("dev-ingest-key").contentType(ContentType.JSON)
                .body(batch)
                .when().post("/api/v1/items")
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .header("Retry-After", is("10")).body("status", is(503));

        // max-block is 2 s; generous slack for a loaded CI machine, far below 20 records x 2 s.
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).isLessThan(30.0);
        // Not recorded as seen, so the client's retry is accepted; and nothing reached the real broker.
        assertThat(RawTopic.identityRecorded(id)).isFalse();
        assertThat(RawTopic.recordsWithKeys(List.of(id))).isEmpty();
    }
}
