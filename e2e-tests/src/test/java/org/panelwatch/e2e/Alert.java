package org.panelwatch.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What a webhook said, read from its body as the contract fixes it:
 * {@code {"type":"signal.created","timestamp","data":{…the signal, the item's title, url, source,
 * published, topics, evidence…}}}. Fields are looked up where the signal event keeps them and, failing
 * that, under {@code data.signal} or {@code data.item}.
 */
public record Alert(String type, JsonNode data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Alert of(WebhookReceiver.Delivery delivery) {
        try {
            JsonNode root = JSON.readTree(delivery.body());
            return new Alert(root.path("type").asText(null), root.path("data"));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the webhook body is not JSON: " + delivery.body(), e);
        }
    }

    public String title() {
        return text("title", "item.title");
    }

    public String url() {
        return text("url", "item.url");
    }

    public String itemId() {
        return text("itemId", "item.id", "signal.itemId");
    }

    public String signalType() {
        return text("signalType", "signal.type", "type");
    }

    public String severity() {
        return text("severity", "signal.severity");
    }

    public Double score() {
        JsonNode node = node("score", "signal.score");
        return node == null ? null : node.asDouble();
    }

    public List<String> evidence() {
        JsonNode node = node("evidence", "signal.evidence");
        List<String> sentences = new ArrayList<>();
        if (node != null) {
            node.forEach(e -> sentences.add(e.isObject() ? e.path(e.has("sentence") ? "sentence" : "text").asText() : e.asText()));
        }
        return sentences;
    }

    public List<String> topicIds() {
        JsonNode node = node("topics", "item.topics");
        List<String> ids = new ArrayList<>();
        if (node != null) {
            node.forEach(t -> ids.add(t.isObject() ? t.path("id").asText() : t.asText()));
        }
        return ids;
    }

    private String text(String... paths) {
        JsonNode node = node(paths);
        return node == null ? null : node.asText();
    }

    private JsonNode node(String... paths) {
        for (String path : paths) {
            JsonNode node = data;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            if (!node.isMissingNode() && !node.isNull()) {
                return node;
            }
        }
        return null;
    }
}
