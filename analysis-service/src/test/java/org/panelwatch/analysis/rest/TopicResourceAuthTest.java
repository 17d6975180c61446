package org.panelwatch.analysis.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** The contract's 401/403 rules and problem+json for every error, on the read API. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class TopicResourceAuthTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void readerKeyReadsTheCatalogue() {
        given().auth().oauth2("dev-reader-key")
                .when().get("/api/v1/topics")
                .then().statusCode(200)
                .body("id", hasItems("arms-transfer", "military-cooperation", "sanctions-monitoring"));
    }

    @Test
    void adminKeyMayReadToo() {
        given().auth().oauth2("dev-admin-key").get("/api/v1/topics").then().statusCode(200);
    }

    @Test
    void noKeyIs401Problem() {
        given().when().get("/api/v1/topics")
                .then().statusCode(401)
                .contentType(startsWith(PROBLEM))
                .header("WWW-Authenticate", "Bearer")
                .body("status", is(401));
    }

    @Test
    void unknownKeyIs401Problem() {
        given().auth().oauth2("not-a-key").get("/api/v1/topics")
                .then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    @Test
    void malformedAuthorizationHeaderIs401() {
        given().header("Authorization", "Basic Zm9vOmJhcg==").get("/api/v1/topics")
                .then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    @Test
    void wrongRoleIs403Problem() {
        given().auth().oauth2("dev-ingest-key").get("/api/v1/topics")
                .then().statusCode(403)
                .contentType(startsWith(PROBLEM))
                .body("status", is(403));
    }

    @Test
    void unknownPathIs404Problem() {
        given().auth().oauth2("dev-reader-key").get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(startsWith(PROBLEM)).body("status", is(404));
    }

    @Test
    void wrongMethodIs405Problem() {
        given().auth().oauth2("dev-reader-key").contentType("application/json").body("{}")
                .post("/api/v1/topics")
                .then().statusCode(405).contentType(startsWith(PROBLEM)).body("status", is(405));
    }

    @Test
    void oversizedBodyIs413Problem() {
        byte[] body = new byte[10 * 1024 * 1024 + 1];
        given().auth().oauth2("dev-reader-key").contentType("application/json").body(body)
                .post("/api/v1/topics")
                .then().statusCode(413).contentType(startsWith(PROBLEM)).body("status", is(413));
    }
}
