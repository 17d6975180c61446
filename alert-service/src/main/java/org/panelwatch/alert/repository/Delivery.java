package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One message to one channel (an alert, a digest or a test), with every attempt made to send it. */
public record Delivery(String id, UUID subscriptionId, Long alertId, String kind, String status, int attemptCount,
        Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant finishedAt,
        List<DeliveryAttempt> attempts) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final List<String> STATUSES = List.of(PENDING, DELIVERED, FAILED);

    public static final String KIND_ALERT = "alert";
    public static final String KIND_DIGEST = "digest";
    public static final String KIND_TEST = "test";
}
