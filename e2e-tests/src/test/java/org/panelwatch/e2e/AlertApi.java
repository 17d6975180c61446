package org.panelwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.apache.http.HttpStatus.SC_CREATED;
import static org.apache.http.HttpStatus.SC_OK;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** The contract's alert API (alert-service): an admin creates a subscriber, which subscribes. */
public final class AlertApi {

    public record Subscriber(String id, String apiKey) {
    }

    /** A webhook subscription and its signing secret, which the service shows only once. */
    public record Subscription(String id, String secret) {
    }

    private final RunningStack.Stack stack;

    public AlertApi(RunningStack.Stack stack) {
        this.stack = stack;
    }

    private RequestSpecification request(String key) {
        return given().baseUri(stack.alertUrl()).auth().oauth2(key).accept(ContentType.JSON);
    }

    public Subscriber createSubscriber(String name) {
        JsonPath answer = request(stack.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .when().post("/api/v1/subscribers")
                .then().statusCode(SC_CREATED).extract().jsonPath();
        return new Subscriber(answer.getString("id"), answer.getString("apiKey"));
    }

    public Subscription subscribeWebhook(Subscriber subscriber, String name, String url, List<String> signalTypes) {
        Map<String, Object> body = Map.of(
                "name", name,
                "channel", Map.of("type", "webhook", "url", url),
                "filter", Map.of("signalTypes", signalTypes),
                "mode", "immediate");
        JsonPath answer = request(subscriber.apiKey()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions")
                .then().statusCode(SC_CREATED).extract().jsonPath();
        String secret = answer.getString("secret");
        if (secret == null) {
            secret = answer.getString("channel.secret");
        }
        return new Subscription(answer.getString("id"), secret);
    }

    public List<Map<String, Object>> deliveries(Subscriber subscriber, String subscriptionId) {
        return list(request(subscriber.apiKey()).queryParam("subscriptionId", subscriptionId)
                .when().get("/api/v1/deliveries")
                .then().statusCode(SC_OK).extract().asString());
    }

    public List<Map<String, Object>> alerts(Subscriber subscriber, String since) {
        return list(request(subscriber.apiKey()).queryParam("since", since)
                .when().get("/api/v1/alerts")
                .then().statusCode(SC_OK).extract().asString());
    }

    /** A list answer: the contract's {"items":[...]} page, or a bare array. */
    private static List<Map<String, Object>> list(String body) {
        JsonPath json = JsonPath.from(body);
        return body.trim().startsWith("[") ? json.getList("$") : json.getList("items");
    }

    public void unsubscribe(Subscriber subscriber, String subscriptionId) {
        request(subscriber.apiKey()).when().delete("/api/v1/subscriptions/{id}", subscriptionId);
    }
}
