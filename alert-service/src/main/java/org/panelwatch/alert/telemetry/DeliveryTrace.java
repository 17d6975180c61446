package org.panelwatch.alert.telemetry;

import java.time.Instant;

/** The trace an alert's delivery continues and when its item was ingested; either may be null. */
public record DeliveryTrace(String traceparent, Instant ingestedAt) {
}
