package org.panelwatch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code POST /api/v1/items} with the ingest key, as a client that pushes batches does. */
final class PushClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String key;

    PushClient(String ingestUrl, String key) {
        this.url = ingestUrl + "/api/v1/items";
        this.key = key;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Pushes one batch and answers how many of its items were accepted; anything but 202 is an error. */
    int push(List<Map<String, Object>> batch) throws IOException, InterruptedException {
        return accepted(http.send(request(json(batch)), HttpResponse.BodyHandlers.ofString()));
    }

    CompletableFuture<Integer> pushAsync(List<Map<String, Object>> batch) {
        return http.sendAsync(request(json(batch)), HttpResponse.BodyHandlers.ofString()).thenApply(PushClient::accepted);
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int accepted(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new IllegalStateException("push answered HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            int accepted = 0;
            for (JsonNode item : JSON.readTree(response.body()).path("items")) {
                if ("accepted".equals(item.path("status").asText())) {
                    accepted++;
                }
            }
            return accepted;
        } catch (IOException e) {
            throw new IllegalStateException("push answered 202 with a body that is not JSON: " + response.body(), e);
        }
    }
}
