package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Feedback as stored, with who gave it (role and principal) and when. */
public record FeedbackView(UUID id, UUID itemId, String verdict, List<String> topicsAdded, List<String> topicsRemoved,
        String note, String callerRole, String callerId, Instant createdAt) {
}
