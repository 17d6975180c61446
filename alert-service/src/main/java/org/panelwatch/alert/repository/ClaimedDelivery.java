package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.UUID;

/** A due delivery leased to this worker, with what it needs from its subscription to send it. */
public record ClaimedDelivery(String id, UUID subscriptionId, String kind, String payload, int attempts,
        Instant createdAt, String channelType, String channelTarget, String secret, boolean subscriptionActive,
        String subscriptionName) {
}
