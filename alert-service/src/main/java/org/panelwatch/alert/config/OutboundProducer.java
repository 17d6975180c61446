package org.panelwatch.alert.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.panelwatch.common.outbound.AddressPolicy;
import org.panelwatch.common.outbound.DestinationGuard;
import org.panelwatch.common.outbound.GuardedHttpClient;
import org.panelwatch.common.outbound.HostResolver;

/**
 * The address policy for webhook URLs and the one HTTP client that calls them. E-mail is not sent
 * through here: it goes to the operator's own SMTP relay, which may rightly be a private address.
 */
@ApplicationScoped
public class OutboundProducer {

    /** The system's resolver; a bean of its own so tests can answer like a rebinding DNS server. */
    @Produces
    @ApplicationScoped
    @DefaultBean
    HostResolver hostResolver() {
        return HostResolver.SYSTEM::resolve;
    }

    @Produces
    @Singleton
    DestinationGuard webhookDestinations(AlertConfig config, HostResolver resolver) {
        return new DestinationGuard(AddressPolicy.of(config.webhook().allowPrivateAddresses()), resolver);
    }

    /** As many connections as the worker keeps sends in flight, and a few for test alerts. */
    @Produces
    @Singleton
    GuardedHttpClient webhookClient(AlertConfig config, DestinationGuard destinations) {
        return new GuardedHttpClient(destinations, new GuardedHttpClient.Settings(config.webhook().connectTimeout(),
                config.delivery().maxInFlight() + 8));
    }

    void close(@Disposes GuardedHttpClient client) {
        client.close();
    }
}
