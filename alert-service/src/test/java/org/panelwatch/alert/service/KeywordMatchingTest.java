package org.panelwatch.alert.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * A signal on the real topic, matched against many subscriptions that each carry the limit's worth of
 * keywords: exactly the subscriptions with a keyword in the text as whole words get an alert.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class KeywordMatchingTest {

    private static final int SUBSCRIPTIONS = 20;
    private static final int KEYWORDS_PER_FILTER = 50;

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void onlySubscriptionsWithAKeywordInTheTextAsWholeWordsGetAnAlert() throws Exception {
        Created desk = AlertTestSupport.subscriber("Matching desk");
        String word = AlertTestSupport.uniqueWord();
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            int subscription = s;
            // "kw1a2b-s3-k49": three words once folded, so every keyword is a phrase.
            List<String> keywords = IntStream.range(0, KEYWORDS_PER_FILTER)
                    .mapToObj(k -> word + "-s" + subscription + "-k" + k).toList();
            ids.add(create(desk.apiKey(), "keywords " + s, Map.of("keywords", keywords)));
        }
        String topicOnly = create(desk.apiKey(), "topic only", Map.of("topics", List.of("arms-transfer")));
        String otherLanguage = create(desk.apiKey(), "other language",
                Map.of("keywords", List.of(word + "-s3-k49"), "languages", List.of("ko")));

        String text = String.join(" ",
                word + "/s3/k49 was named.",                  // another separator: subscription 3
                word.toUpperCase() + "-S7-K0 too.",           // another case: subscription 7
                word + "-s11-k4x is not " + word + "-s11-k4", // a longer word, then the keyword itself: 11
                word + "-s12-k5x and " + word + "-s12 and",   // a longer word and a partial phrase: not 12
                "s13-k6 " + word + "x-s13-k6.",               // the phrase without its first word, or that word longer: not 13
                word + "-s19-k" + (KEYWORDS_PER_FILTER - 1)); // the last keyword of the last subscription: 19
        String signalId = UUID.randomUUID().toString();
        String itemId = UUID.randomUUID().toString();
        AlertTestSupport.send(itemId, AlertTestSupport.signalJson(signalId, itemId, "story-" + itemId, text, 0.9));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                AlertTestSupport.count("SELECT count(*) FROM alert.processed_signal WHERE signal_id = ?", signalId) == 1);
        // Alerts are written in the transaction that records the signal as processed.
        assertThat(AlertTestSupport.strings("SELECT subscription_id::text FROM alert.alert WHERE signal_id = ? "
                + "AND subscriber_id = ?::uuid", signalId, desk.id()))
                .containsExactlyInAnyOrder(ids.get(3), ids.get(7), ids.get(11), ids.get(19), topicOnly)
                .doesNotContain(otherLanguage);

        List<String> all = new ArrayList<>(ids);
        all.add(topicOnly);
        all.add(otherLanguage);
        all.forEach(id -> given().auth().oauth2(desk.apiKey()).delete("/api/v1/subscriptions/" + id).then().statusCode(204));
    }

    private static String create(String key, String name, Map<String, Object> filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("channel", Map.of("type", "email", "address", "desk@example.org"));
        body.put("filter", filter);
        // A digest: the alerts are what this test checks, nothing is sent before the day ends.
        body.put("mode", "digest-daily");
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
    }
}
