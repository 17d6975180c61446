package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One item with everything the analysis found in it. */
public record ItemDetail(UUID id, String title, String url, String source, Instant published, Instant ingestedAt,
        String lang, String text, UUID storyId, UUID duplicateOf, List<TopicTag> topics, List<EntityMention> entities,
        List<SignalFinding> signals) {
}
