package org.panelwatch.analysis.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** An operator checks a catalogue through the API; a bad rule is named in a 422. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class CatalogueResourceTest {

    @Test
    void theBundledCatalogueIsValid() throws Exception {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/panelwatch/catalogue.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonPath result = given().auth().oauth2("dev-admin-key").contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/catalogue/validate").then().statusCode(200).extract().jsonPath();
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getList("topics", String.class)).contains("arms-transfer", "sanctions-monitoring");
    }

    @Test
    void aRuleUsingAnUnknownConceptIsRejectedByName() throws Exception {
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/panelwatch/catalogue.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("\"@petroleum-flow\"", "\"@no-such-concept\"");
        }
        JsonPath problem = given().auth().oauth2("dev-admin-key").contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/catalogue/validate")
                .then().statusCode(422).contentType(startsWith("application/problem+json")).extract().jsonPath();
        assertThat(problem.getString("errors[0].field")).startsWith("petroleum");
        assertThat(problem.getString("errors[0].message")).contains("no-such-concept");
        given().auth().oauth2("dev-reader-key").contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/catalogue/validate").then().statusCode(403);
    }
}
