package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.UUID;

/** A signal matched to one subscription; {@code payload} is the alert's JSON data (signal, item, evidence). */
public record Alert(long id, UUID subscriptionId, UUID subscriberId, String signalId, String storyKey, String payload,
        Instant createdAt) {
}
