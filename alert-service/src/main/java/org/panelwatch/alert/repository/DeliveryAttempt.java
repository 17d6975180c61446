package org.panelwatch.alert.repository;

import java.time.Instant;

/** One try to hand a delivery over: the HTTP status (or none) or the error, and how long it took. */
public record DeliveryAttempt(Instant attemptedAt, Integer statusCode, String error, long durationMs) {
}
