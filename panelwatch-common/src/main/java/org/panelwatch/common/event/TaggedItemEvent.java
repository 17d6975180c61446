package org.panelwatch.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The analysis of one item on {@code panelwatch.news.tagged}, keyed by item id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaggedItemEvent(
        int schemaVersion,
        String itemId,
        List<TopicTag> topics,
        List<EntityRef> entities,
        SignalSummary signal,
        String storyId,
        String duplicateOf) {

    public static final int SCHEMA_VERSION = 1;

    public record TopicTag(String id, double score) {
    }

    /** {@code unReference} is the UN consolidated-list reference number (e.g. KPe.001) where the entity is listed. */
    public record EntityRef(String type, String name, String unReference) {
    }

    public record SignalSummary(String type, double score, String severity) {
    }
}
