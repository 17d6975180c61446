package org.panelwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * panelwatch-common's per-key rate limits, with small allowances so that a test reaches them: past its burst a key
 * gets 429 problem+json with Retry-After, while another key, a static key and the health endpoints go on.
 */
@QuarkusTest
@TestProfile(RequestRateLimitTest.SmallAllowance.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class RequestRateLimitTest {

    private static final int BURST = 5;
    private static final int STATIC_BURST = 40;

    public static class SmallAllowance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>();
            for (String prefix : new String[] {"", "%test."}) {
                // One token every 20 s: none comes back during the test.
                overrides.put(prefix + "panelwatch.http.rate-limit.requests-per-second", "0.05");
                overrides.put(prefix + "panelwatch.http.rate-limit.burst", Integer.toString(BURST));
                overrides.put(prefix + "panelwatch.http.rate-limit.static-key-requests-per-second", "0.05");
                overrides.put(prefix + "panelwatch.http.rate-limit.static-key-burst", Integer.toString(STATIC_BURST));
            }
            return overrides;
        }
    }

    @Test
    void aKeyPastItsAllowanceIsAnswered429WithRetryAfterAndOthersGoOn() throws Exception {
        AlertTestSupport.resetOnce();
        Created ann = AlertTestSupport.subscriber("Ann");
        Created bob = AlertTestSupport.subscriber("Bob");
        for (int i = 0; i < BURST; i++) {
            given().auth().oauth2(ann.apiKey()).get("/api/v1/subscriptions").then().statusCode(200);
        }
        Response refused = given().auth().oauth2(ann.apiKey()).get("/api/v1/subscriptions").then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(429)).body("title", equalTo("Too Many Requests"))
                .body("detail", containsString("retry after")).extract().response();
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 20);
        // Every path of the key counts, whatever its method.
        given().auth().oauth2(ann.apiKey()).get("/api/v1/alerts").then().statusCode(429);

        // Another subscriber's key has its own allowance; health endpoints are not counted.
        given().auth().oauth2(bob.apiKey()).get("/api/v1/subscriptions").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        // A request without a key is not counted: it is 401, not 429.
        given().get("/api/v1/subscriptions").then().statusCode(401);
    }

    @Test
    void anUnknownKeyIsCountedToo() {
        String wrong = "pwsub_" + AlertTestSupport.uniqueWord();
        for (int i = 0; i < BURST; i++) {
            given().auth().oauth2(wrong).get("/api/v1/subscriptions").then().statusCode(401);
        }
        given().auth().oauth2(wrong).get("/api/v1/subscriptions").then().statusCode(429).header("Retry-After",
                org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theReaderKeyHasTheStaticKeysAllowance() {
        for (int i = 0; i < STATIC_BURST; i++) {
            // The reader key may not read alerts (403), but its requests count all the same.
            given().auth().oauth2("dev-reader-key").get("/api/v1/alerts").then().statusCode(403);
        }
        given().auth().oauth2("dev-reader-key").get("/api/v1/alerts").then().statusCode(429)
                .contentType(startsWith("application/problem+json"));
    }
}
