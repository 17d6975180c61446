package org.panelwatch.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the contract asks of every service's outside, proven once per service: ready against the
 * real Kafka and PostgreSQL, Flyway owns its schema, the Quarkus endpoints answer, and the HTTP
 * layer's own errors are problem+json. A service's test extends it and names its schema.
 */
public abstract class ServiceReadinessContract {

    /** The schema this service owns. */
    protected abstract String schema();

    /** Tables the service's migrations must have created. */
    protected abstract List<String> expectedTables();

    @Test
    void readyOnlyWithKafkaAndDatabaseUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void livenessMetricsAndOpenApiAnswer() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void flywayCreatedTheSchema() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            st.setString(1, schema());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        assertThat(tables).contains("flyway_schema_history").containsAll(expectedTables());
    }

    @Test
    void unknownPathIsProblemJson() {
        given().auth().oauth2("dev-admin-key").get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", is(404));
    }
}
