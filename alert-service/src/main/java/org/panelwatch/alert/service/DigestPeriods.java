package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.panelwatch.alert.repository.Subscription;

/** Digest periods are whole UTC hours or days; a period is named by its end. */
@ApplicationScoped
public class DigestPeriods {

    /** The end of the period that contains {@code now}; null for immediate subscriptions. */
    public Instant nextEnd(String mode, Instant now) {
        return switch (mode) {
            case Subscription.DIGEST_HOURLY -> now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            case Subscription.DIGEST_DAILY -> now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            default -> null;
        };
    }

    public Duration length(String mode) {
        return Subscription.DIGEST_DAILY.equals(mode) ? Duration.ofDays(1) : Duration.ofHours(1);
    }
}
