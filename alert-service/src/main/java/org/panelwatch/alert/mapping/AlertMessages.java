package org.panelwatch.alert.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.common.event.SignalEvent;

/**
 * The alert's content, built once per signal and shared by every channel: the webhook body
 * ({@code {"type","timestamp","data"}}), the e-mail and the SSE event carry the same data.
 */
@ApplicationScoped
public class AlertMessages {

    public static final String SIGNAL_CREATED = "signal.created";
    public static final String DIGEST_CREATED = "digest.created";
    public static final String TEST = "test.alert";

    private final ObjectMapper mapper;
    private final String itemLinkBase;
    private final String consoleUrl;

    public AlertMessages(ObjectMapper mapper, AlertConfig config) {
        this.mapper = mapper;
        this.itemLinkBase = config.itemLinkBase();
        String console = config.consoleUrl().strip();
        this.consoleUrl = console.endsWith("/") ? console.substring(0, console.length() - 1) : console;
    }

    /** What an analyst needs to judge the signal without a second lookup; the item text itself stays out. */
    public String alertData(SignalEvent s) {
        ObjectNode data = mapper.createObjectNode();
        data.put("signalId", s.signalId());
        data.put("type", s.type());
        data.put("score", s.score());
        data.put("severity", s.severity());
        data.put("itemId", s.itemId());
        data.put("storyId", s.storyId());
        data.put("title", s.title());
        data.put("url", s.url());
        data.put("link", link(s.url(), s.itemId()));
        // Beside the article's own link: where an analyst reads the evidence and follows the story.
        data.put("consoleItemUrl", s.itemId() == null ? null : consoleUrl + "/items/" + s.itemId());
        data.put("consoleStoryUrl", s.storyId() == null ? null : consoleUrl + "/stories/" + s.storyId());
        data.put("source", s.source());
        data.put("published", s.published() == null ? null : s.published().toString());
        data.put("lang", s.lang());
        ArrayNode topics = data.putArray("topics");
        if (s.topics() != null) {
            for (SignalEvent.SignalTopic t : s.topics()) {
                ObjectNode topic = topics.addObject().put("id", t.id()).put("name", t.name());
                ArrayNode resolutions = topic.putArray("resolutions");
                if (t.resolutions() != null) {
                    t.resolutions().forEach(resolutions::add);
                }
            }
        }
        ArrayNode evidence = data.putArray("evidence");
        if (s.evidence() != null) {
            for (SignalEvent.Evidence e : s.evidence()) {
                evidence.addObject().put("sentence", e.sentence()).put("start", e.start()).put("end", e.end());
            }
        }
        data.put("detectedAt", s.detectedAt() == null ? null : s.detectedAt().toString());
        return write(data);
    }

    /** The webhook body of one alert; fixed when the delivery is created, so every retry sends the same bytes. */
    public String alertBody(Alert alert, Instant now) {
        ObjectNode data = (ObjectNode) read(alert.payload());
        data.put("alertId", alert.id());
        data.put("subscriptionId", alert.subscriptionId().toString());
        return envelope(SIGNAL_CREATED, now, data);
    }

    public String digestBody(Subscription subscription, Instant periodStart, Instant periodEnd, List<Alert> alerts, Instant now) {
        ObjectNode data = mapper.createObjectNode();
        data.put("subscriptionId", subscription.id().toString());
        data.put("mode", subscription.mode());
        data.put("periodStart", periodStart.toString());
        data.put("periodEnd", periodEnd.toString());
        data.put("count", alerts.size());
        ArrayNode items = data.putArray("alerts");
        for (Alert a : alerts) {
            ObjectNode item = (ObjectNode) read(a.payload());
            item.put("alertId", a.id());
            items.add(item);
        }
        return envelope(DIGEST_CREATED, now, data);
    }

    /** A clearly marked test: its own event type, "test": true, and a title saying so. */
    public String testBody(UUID subscriptionId, Instant now) {
        ObjectNode data = mapper.createObjectNode();
        data.put("test", true);
        data.put("subscriptionId", subscriptionId.toString());
        data.put("title", "TEST ALERT from Panelwatch - not a real signal");
        data.put("message", "This test alert was requested to check the channel; it reports nothing.");
        return envelope(TEST, now, data);
    }

    public JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert JSON is broken", e);
        }
    }

    private String envelope(String type, Instant now, ObjectNode data) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", type);
        body.put("timestamp", now.toString());
        body.set("data", data);
        return write(body);
    }

    private String link(String url, String itemId) {
        if (url != null && !url.isBlank()) {
            return url;
        }
        return itemId == null ? null : itemLinkBase + itemId;
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
