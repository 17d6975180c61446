package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An item in a list: what a dashboard row shows. */
public record ItemSummary(UUID id, String title, String url, String source, Instant published, Instant ingestedAt,
        String lang, UUID storyId, UUID duplicateOf, List<TopicScore> topics, List<SignalSummary> signals) {
}
