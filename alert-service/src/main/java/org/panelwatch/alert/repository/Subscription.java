package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.UUID;

/** A standing request for alerts: which signals (filter), where (channel), how often (mode). */
public record Subscription(UUID id, UUID subscriberId, String name, String channelType, String channelTarget,
        String secret, SubscriptionFilter filter, String mode, boolean active, String disabledReason,
        Instant failingSince, Instant digestDueAt, Instant createdAt, Instant updatedAt) {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";
    public static final String IMMEDIATE = "immediate";
    public static final String DIGEST_HOURLY = "digest-hourly";
    public static final String DIGEST_DAILY = "digest-daily";

    public boolean isDigest() {
        return !IMMEDIATE.equals(mode);
    }
}
