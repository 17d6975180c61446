package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * A due delivery leased to this worker, with what it needs from its subscription to send it.
 * {@code previousSecret}: the webhook secret a rotation replaced, while it still signs; else null.
 */
public record ClaimedDelivery(String id, UUID subscriptionId, String kind, String payload, int attempts,
        Instant createdAt, String channelType, String channelTarget, String secret, String previousSecret,
        boolean subscriptionActive, String subscriptionName) {
}
