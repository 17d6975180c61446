package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * A typed query parameter whose value is not of its type is a 400 that names it; RESTEasy's own answer
 * was a bare 404 "HTTP 404 Not Found", as if the list did not exist.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class QueryParameterTest {

    private static String key;

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @BeforeEach
    void subscriber() {
        if (key == null) {
            key = AlertTestSupport.subscriber("Query parameters").apiKey();
        }
    }

    @Test
    void aLimitThatIsNoIntegerIsA400NamingIt() {
        for (String path : new String[] {"/api/v1/deliveries", "/api/v1/alerts"}) {
            JsonPath problem = badRequest(path, "limit", "abc");
            assertThat(problem.getString("detail")).as(path).isEqualTo("limit must be an integer.");
            assertThat(problem.getList("errors.field")).as(path).containsExactly("limit");
        }
    }

    @Test
    void aSubscriptionIdThatIsNoUuidIsA400NamingIt() {
        JsonPath problem = badRequest("/api/v1/deliveries", "subscriptionId", "xyz");
        assertThat(problem.getList("errors.field")).containsExactly("subscriptionId");
        assertThat(problem.getString("detail")).startsWith("subscriptionId must be a UUID");
    }

    @Test
    void aPathIdThatIsNoUuidIsNotFoundAndSaysWhere() {
        String detail = given().auth().oauth2(key).get("/api/v1/subscriptions/xyz")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .extract().jsonPath().getString("detail");
        assertThat(detail).isEqualTo("No resource at /api/v1/subscriptions/xyz.").doesNotContain("HTTP 404");
    }

    private static JsonPath badRequest(String path, String parameter, String value) {
        return given().auth().oauth2(key).queryParam(parameter, value).get(path)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .extract().jsonPath();
    }
}
