package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.UUID;

public record NewDelivery(String id, UUID subscriptionId, UUID subscriberId, Long alertId, String kind, String payload,
        Instant nextAttemptAt) {
}
