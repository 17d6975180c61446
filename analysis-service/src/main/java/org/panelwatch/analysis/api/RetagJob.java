package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A re-application of the catalogue to stored items; status queued, running, done or failed. trigger:
 * admin (POST /api/v1/admin/retag) or un-list (a new UN list); unListDate: the list it tags with.
 */
public record RetagJob(UUID id, String status, Instant since, Instant startedAt, Instant finishedAt,
        long itemsProcessed, long itemsChanged, long topicsBefore, long topicsAfter, long signalsBefore,
        long signalsAfter, String error, String trigger, String unListDate) {
}
