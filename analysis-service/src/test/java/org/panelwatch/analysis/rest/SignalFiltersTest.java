package org.panelwatch.analysis.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** The signal list's filters the console offers: until, severity, lang, source, topic, q; and the item's topics on each. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class SignalFiltersTest {

    private static final String TOKEN = "sig" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private static final String SIGNAL = " Russia received artillery shells from North Korea, officials said. ";
    private static NewsItemEvent english;
    private static NewsItemEvent russian;

    @BeforeAll
    static void storeSignals() throws Exception {
        english = Broker.item("Shells " + TOKEN, "arms-transfer." + SIGNAL + Broker.noise(20),
                Instant.parse("2032-05-01T08:00:00Z"), "en");
        russian = Broker.item("Снаряды " + TOKEN, "petroleum." + SIGNAL + Broker.noise(20),
                Instant.parse("2032-05-03T08:00:00Z"), "ru");
        Broker.send(english, russian);
        Broker.awaitStored(english.id(), russian.id());
    }

    @Test
    void everyFilterNarrowsTheList() {
        assertThat(ids(Map.of())).containsExactly(russian.id(), english.id());
        assertThat(ids(Map.of("lang", "ru"))).containsExactly(russian.id());
        assertThat(ids(Map.of("topic", "arms-transfer"))).containsExactly(english.id());
        assertThat(ids(Map.of("until", "2032-05-02T00:00:00Z"))).containsExactly(english.id());
        assertThat(ids(Map.of("source", "No Such Outlet"))).isEmpty();
        assertThat(ids(Map.of("source", "Test Wire"))).containsExactly(russian.id(), english.id());
        String severity = reader().queryParam("q", TOKEN).get("/api/v1/signals").then().statusCode(200)
                .extract().jsonPath().getString("items[0].severity");
        assertThat(ids(Map.of("severity", severity))).contains(russian.id());
        assertThat(reader().queryParam("q", TOKEN).get("/api/v1/signals").then().statusCode(200)
                .extract().jsonPath().getList("items[1].topics.id")).contains("arms-transfer");
    }

    @Test
    void badFiltersAreNamed() {
        List<String> fields = reader().queryParam("severity", "urgent").queryParam("lang", "english!")
                .queryParam("topic", "nope").get("/api/v1/signals")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .extract().jsonPath().getList("errors.field");
        assertThat(fields).contains("severity", "lang", "topic");
    }

    private static List<String> ids(Map<String, String> filter) {
        return reader().queryParam("q", TOKEN).queryParams(filter).get("/api/v1/signals").then().statusCode(200)
                .extract().jsonPath().getList("items.itemId", String.class);
    }

    private static RequestSpecification reader() {
        return given().auth().oauth2("dev-reader-key");
    }
}
