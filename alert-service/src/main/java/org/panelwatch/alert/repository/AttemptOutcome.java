package org.panelwatch.alert.repository;

import java.time.Instant;

/** The result of one attempt and what it does to the delivery: its new status and next attempt. */
public record AttemptOutcome(String deliveryId, DeliveryAttempt attempt, String newStatus, Instant nextAttemptAt) {
}
