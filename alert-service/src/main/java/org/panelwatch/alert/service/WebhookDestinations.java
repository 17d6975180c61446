package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.panelwatch.common.outbound.DestinationGuard;

/**
 * Whether a webhook URL may be saved: the common address policy, plus this service's rule for a host
 * that does not resolve. Production refuses it (a receiver that cannot be found now is a typo or a
 * name waiting to be pointed somewhere); where private addresses are allowed it is saved and its
 * deliveries fail, as the local stack's and tests' receivers come and go.
 */
@ApplicationScoped
public class WebhookDestinations {

    private final DestinationGuard guard;

    public WebhookDestinations(DestinationGuard guard) {
        this.guard = guard;
    }

    /** Why the URL may not be a webhook, or empty when it may. */
    public Optional<String> problem(String url) {
        DestinationGuard.Check check = guard.check(url);
        return switch (check.verdict()) {
            case ALLOWED -> Optional.empty();
            case REFUSED -> Optional.of(check.reason());
            case UNRESOLVED -> guard.policy().allowsPrivate() ? Optional.empty() : Optional.of(check.reason());
        };
    }
}
