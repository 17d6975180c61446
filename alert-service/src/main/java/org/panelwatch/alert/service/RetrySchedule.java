package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.panelwatch.alert.config.AlertConfig;

/**
 * When to try a failed delivery again. The default follows the Standard Webhooks reference schedule
 * (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: about 28 hours over 8 attempts), each wait spread by a
 * jitter so that many deliveries failing together do not return together. A receiver's Retry-After
 * (429, 503) lengthens the wait, up to a cap.
 */
@ApplicationScoped
public class RetrySchedule {

    private final List<Duration> waits;
    private final double jitter;
    private final Duration maxRetryAfter;

    @Inject
    public RetrySchedule(AlertConfig config) {
        this(config.delivery().retrySchedule(), config.delivery().jitter(), config.delivery().maxRetryAfter());
    }

    public RetrySchedule(List<Duration> waits, double jitter, Duration maxRetryAfter) {
        this.waits = List.copyOf(waits);
        this.jitter = Math.max(0.0, Math.min(1.0, jitter));
        this.maxRetryAfter = maxRetryAfter;
    }

    public int maxAttempts() {
        return waits.size() + 1;
    }

    /**
     * The time of the next attempt after {@code attemptsMade} failed ones, or null when none is left.
     */
    public Instant next(int attemptsMade, Instant now, Duration retryAfter) {
        if (attemptsMade >= maxAttempts()) {
            return null;
        }
        long base = waits.get(attemptsMade - 1).toMillis();
        double spread = jitter == 0 ? 1.0 : 1.0 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        long wait = Math.round(base * spread);
        if (retryAfter != null) {
            long asked = Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
            wait = Math.max(wait, asked);
        }
        return now.plusMillis(wait);
    }
}
