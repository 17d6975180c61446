package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.UUID;

/** A re-application of the catalogue to stored items; status running, done or failed. */
public record RetagJob(UUID id, String status, Instant since, Instant startedAt, Instant finishedAt,
        long itemsProcessed, long itemsChanged, long topicsBefore, long topicsAfter, long signalsBefore,
        long signalsAfter, String error) {
}
