package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * A subscriber who asks for too much is refused, field by field, in one problem: the limits of
 * {@code panelwatch.alert.limits.*} at their defaults, and the e-mail and ownership rules.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class SubscriptionLimitsTest {

    private static final int KEYWORDS_PER_FILTER = 50;
    private static final int KEYWORD_LENGTH = 64;
    private static final int SUBSCRIPTIONS_PER_SUBSCRIBER = 50;
    private static final String ONE_MEGABYTE = "a".repeat(1 << 20);

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void aKeywordListOverTheLimitIsRefusedAsOneErrorWhateverItsSize() {
        Created ann = AlertTestSupport.subscriber("Ann Limits");
        List<String> atTheLimit = words("kw", KEYWORDS_PER_FILTER);
        create(ann.apiKey(), subscription(Map.of("keywords", atTheLimit))).statusCode(201);

        create(ann.apiKey(), subscription(Map.of("keywords", words("kw", KEYWORDS_PER_FILTER + 1)))).statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("filter.keywords"))
                .body("errors[0].message", is("has more than 50 keywords"));
        // The probe's 100,000 keywords, every one of them also bad: one error, not 100,000.
        create(ann.apiKey(), subscription(Map.of("keywords", Collections.nCopies(100_000, "--")))).statusCode(422)
                .body("errors", hasSize(1)).body("errors.field", containsInAnyOrder("filter.keywords"));
    }

    @Test
    void aKeywordOverTheLengthLimitIsRefusedByItsPlaceInTheList() {
        Created bea = AlertTestSupport.subscriber("Bea Limits");
        create(bea.apiKey(), subscription(Map.of("keywords", List.of("Hwasong", "k".repeat(KEYWORD_LENGTH))))).statusCode(201);

        create(bea.apiKey(), subscription(Map.of("keywords", List.of("Hwasong", "k".repeat(2_000_000), "--"))))
                .statusCode(422)
                .body("errors.field", containsInAnyOrder("filter.keywords[1]", "filter.keywords[2]"))
                .body("errors.find { it.field == 'filter.keywords[1]' }.message", is("is longer than 64 characters"))
                .body("errors.find { it.field == 'filter.keywords[2]' }.message", is("must contain a letter or digit"));
        create(bea.apiKey(), subscription(Map.of("keywords", List.of("k".repeat(KEYWORD_LENGTH + 1))))).statusCode(422)
                .body("errors.field", containsInAnyOrder("filter.keywords[0]"));
    }

    @Test
    void aOneMegabyteWebhookUrlIsRefused() {
        Created cal = AlertTestSupport.subscriber("Cal Limits");
        Map<String, Object> body = subscription(Map.of());
        body.put("channel", Map.of("type", "webhook", "url", "https://hooks.example.org/" + ONE_MEGABYTE));
        create(cal.apiKey(), body).statusCode(422)
                .body("errors.field", containsInAnyOrder("channel.url"))
                .body("errors[0].message", is("is longer than 2048 characters"));
    }

    @Test
    void aOneMegabyteEmailAddressIsRefusedForChannelsAndSubscribers() {
        Created dan = AlertTestSupport.subscriber("Dan Limits");
        String address = ONE_MEGABYTE + "@example.org";
        create(dan.apiKey(), emailSubscription(address)).statusCode(422)
                .body("errors.field", containsInAnyOrder("channel.address"))
                .body("errors[0].message", is("is longer than 254 characters"));
        given().auth().oauth2(AlertTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Dan's colleague", "email", address))
                .post("/api/v1/subscribers").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("email"));
    }

    @Test
    void tooManyLanguagesTopicsOrSignalTypesAreRefused() {
        Created eve = AlertTestSupport.subscriber("Eve Limits");
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("languages", Collections.nCopies(200_000, "en"));
        filter.put("topics", Collections.nCopies(21, "arms-transfer"));
        filter.put("signalTypes", Collections.nCopies(11, "russia-dprk-military"));
        create(eve.apiKey(), subscription(filter)).statusCode(422)
                .body("errors.field", containsInAnyOrder("filter.languages", "filter.topics", "filter.signalTypes"))
                .body("errors.message", containsInAnyOrder("has more than 20 languages", "has more than 20 topics",
                        "has more than 10 signal types"));

        filter.put("languages", Collections.nCopies(20, "en"));
        filter.put("topics", Collections.nCopies(20, "arms-transfer"));
        filter.put("signalTypes", Collections.nCopies(10, "russia-dprk-military"));
        create(eve.apiKey(), subscription(filter)).statusCode(201);
    }

    @Test
    void aSubscriberGetsNoMoreSubscriptionsThanTheAllowance() throws Exception {
        Created fay = AlertTestSupport.subscriber("Fay Limits");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS_PER_SUBSCRIBER; i++) {
            ids.add(create(fay.apiKey(), subscription(Map.of())).statusCode(201).extract().path("id"));
        }
        create(fay.apiKey(), subscription(Map.of())).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(409))
                .body("detail", containsString("already has 50 subscriptions"));
        // An admin creating one for the subscriber meets the same allowance.
        Map<String, Object> forFay = subscription(Map.of());
        forFay.put("subscriberId", fay.id());
        create(AlertTestSupport.ADMIN, forFay).statusCode(409);
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscription WHERE subscriber_id = ?::uuid", fay.id()))
                .isEqualTo(SUBSCRIPTIONS_PER_SUBSCRIBER);

        // Deleting one makes room for one.
        given().auth().oauth2(fay.apiKey()).delete("/api/v1/subscriptions/" + ids.remove(0)).then().statusCode(204);
        ids.add(create(fay.apiKey(), subscription(Map.of())).statusCode(201).extract().path("id"));

        ids.forEach(id -> given().auth().oauth2(fay.apiKey()).delete("/api/v1/subscriptions/" + id).then().statusCode(204));
    }

    @Test
    void oneProblemNamesEveryBadFieldAtOnce() {
        Created gus = AlertTestSupport.subscriber("Gus Limits");
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("keywords", words("kw", KEYWORDS_PER_FILTER + 1));
        filter.put("languages", List.of("en", "english"));
        filter.put("topics", List.of("weather"));
        filter.put("minScore", 2);
        Map<String, Object> body = subscription(filter);
        body.put("name", "n".repeat(201));
        body.put("channel", Map.of("type", "webhook", "url", "https://hooks.example.org/" + ONE_MEGABYTE));
        body.put("mode", "weekly");
        create(gus.apiKey(), body).statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("detail", is("7 fields are invalid"))
                .body("errors.field", containsInAnyOrder("name", "channel.url", "filter.keywords", "filter.languages[1]",
                        "filter.topics[0]", "filter.minScore", "mode"));
    }

    @Test
    void anAdminMustNameTheSubscriberOfANewSubscription() throws Exception {
        long ownerless = AlertTestSupport.count("SELECT count(*) FROM alert.subscription WHERE subscriber_id IS NULL");
        create(AlertTestSupport.ADMIN, subscription(Map.of())).statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("subscriberId"));
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscription WHERE subscriber_id IS NULL"))
                .isEqualTo(ownerless);

        Created hal = AlertTestSupport.subscriber("Hal Limits");
        Map<String, Object> forHal = subscription(Map.of());
        forHal.put("subscriberId", hal.id());
        create(AlertTestSupport.ADMIN, forHal).statusCode(201).body("subscriberId", is(hal.id()));
    }

    @Test
    void anAddressListOrADisplayNameIsNotAnEmailAddress() {
        Created ida = AlertTestSupport.subscriber("Ida Limits");
        for (String notOneAddress : List.of("a@example.org,b", "a@example.org, b@example.org", "Ann <a@example.org>",
                "a@example.org b@example.org", "group: a@example.org;", "a@localhost", "a@[127.0.0.1]")) {
            create(ida.apiKey(), emailSubscription(notOneAddress)).statusCode(422)
                    .body("errors.field", containsInAnyOrder("channel.address"));
            given().auth().oauth2(AlertTestSupport.ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("name", "Ida's colleague", "email", notOneAddress))
                    .post("/api/v1/subscribers").then().statusCode(422).body("errors.field", containsInAnyOrder("email"));
        }
        create(ida.apiKey(), emailSubscription("ida.lee+alerts@policy.example.org")).statusCode(201)
                .body("channel.address", is("ida.lee+alerts@policy.example.org"));
    }

    private static ValidatableResponse create(String key, Map<String, Object> body) {
        return given().auth().oauth2(key).contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions").then();
    }

    private static Map<String, Object> subscription(Map<String, Object> filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "limits");
        body.put("channel", Map.of("type", "webhook", "url", "https://hooks.example.org/limits"));
        body.put("filter", filter);
        body.put("mode", "digest-daily");
        // Inactive: nothing these tests create takes part in matching the other tests' signals.
        body.put("active", false);
        return body;
    }

    private static Map<String, Object> emailSubscription(String address) {
        Map<String, Object> body = subscription(Map.of());
        body.put("channel", Map.of("type", "email", "address", address));
        return body;
    }

    private static List<String> words(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }
}
