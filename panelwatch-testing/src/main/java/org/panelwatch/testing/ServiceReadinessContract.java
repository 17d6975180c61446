package org.panelwatch.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the contract asks of every service's outside, proven once per service: ready against the
 * real Kafka and PostgreSQL, Flyway owns its schema, the Quarkus endpoints answer, the HTTP layer's
 * own errors (an unknown path, a request line or headers too long) are problem+json, and the OpenAPI
 * document says so for every operation. A service's test extends it and names its schema.
 */
public abstract class ServiceReadinessContract {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** java.net.http sends a header of any size, where RestAssured's client may refuse to. */
    private static final HttpClient RAW_HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** The schema this service owns. */
    protected abstract String schema();

    /** Tables the service's migrations must have created. */
    protected abstract List<String> expectedTables();

    /** The operations that create something ("post /api/v1/..."): each must document 201 with its Location. */
    protected List<String> createOperations() {
        return List.of();
    }

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
        // audit_event: every service writes its admin actions through panelwatch-common's AuditLog.
        assertThat(tables).contains("flyway_schema_history", "audit_event").containsAll(expectedTables());
    }

    @Test
    void aRequestLineOverTheLimitIsAProblem() throws Exception {
        // Vert.x's decoder answered this 414 itself, before any route, with an empty body.
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/no-such-thing?q=" + "a".repeat(6_000))));
        assertProblem(answer, 414);
    }

    @Test
    void headersOverTheLimitAreAProblem() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/q/health/live")).header("X-Padding", "x".repeat(30_000)));
        assertProblem(answer, 431);
    }

    @Test
    void everyOperationDocumentsItsProblemAnswers() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> operations = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (!HTTP_METHODS.contains(method)) {
                return;
            }
            operations.add(method + " " + path);
            if (!documentsAProblem(operation)) {
                undocumented.add(method + " " + path);
            }
        }));
        assertThat(operations).isNotEmpty();
        assertThat((double) (operations.size() - undocumented.size()) / operations.size())
                .as("share of operations with a problem+json error answer; without: %s", undocumented)
                .isGreaterThanOrEqualTo(0.9);
    }

    /** Every operation that takes a key may answer 429 (panelwatch-common's per-key rate limits). */
    @Test
    void everyOperationThatTakesAKeyDocumentsTheRateLimit() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> withKey = new ArrayList<>();
        List<String> without429 = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (!HTTP_METHODS.contains(method) || !path.startsWith("/api/")) {
                return;
            }
            Object responses = operation.get("responses");
            if (responses instanceof Map<?, ?> answers && answers.containsKey("401")) {
                withKey.add(method + " " + path);
                if (!answers.containsKey("429")) {
                    without429.add(method + " " + path);
                }
            }
        }));
        assertThat(withKey).isNotEmpty();
        assertThat(without429).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void createOperationsAnswer201WithLocation() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String operation : createOperations()) {
            String[] methodAndPath = operation.split(" ", 2);
            Map<String, Map<String, Object>> responses = openapi.getMap(
                    "paths.'" + methodAndPath[1] + "'." + methodAndPath[0] + ".responses");
            assertThat(responses).as("responses of %s", operation).containsKey("201");
            assertThat((Map<String, Object>) responses.get("201").get("headers")).as("201 headers of %s", operation)
                    .containsKey("Location");
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean documentsAProblem(Map<String, Object> operation) {
        Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getOrDefault("responses", Map.of());
        return responses.entrySet().stream().anyMatch(r -> r.getKey().matches("[45]\\d\\d")
                && r.getValue().get("content") instanceof Map<?, ?> content && content.containsKey(PROBLEM_JSON));
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return RAW_HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(new JsonPath(answer.body()).getInt("status")).isEqualTo(status);
    }

    @Test
    void unknownPathIsProblemJson() {
        given().auth().oauth2("dev-admin-key").get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(startsWith("application/problem+json")).body("status", is(404));
    }
}
