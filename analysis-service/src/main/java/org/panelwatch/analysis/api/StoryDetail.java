package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A story and its items, oldest first (the first is the story's first report). */
public record StoryDetail(UUID id, UUID firstItemId, Instant createdAt, boolean signalled, List<ItemSummary> items) {
}
