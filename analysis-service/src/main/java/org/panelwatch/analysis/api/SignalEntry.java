package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A signal in GET /api/v1/signals, with the item it was found in and the item's topics. */
public record SignalEntry(UUID id, String type, double score, String severity, boolean firstInStory,
        Instant detectedAt, UUID itemId, UUID storyId, String title, String url, String source, Instant published,
        String lang, List<Evidence> evidence, List<TopicScore> topics) {
}
