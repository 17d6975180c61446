package org.panelwatch.ingest.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.panelwatch.common.outbound.AddressPolicy;
import org.panelwatch.common.outbound.DestinationGuard;
import org.panelwatch.common.outbound.GuardedHttpClient;
import org.panelwatch.common.outbound.HostResolver;

/** The address policy for feed URLs and the one HTTP client that fetches them. */
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
    DestinationGuard feedDestinations(IngestConfig config, HostResolver resolver) {
        return new DestinationGuard(AddressPolicy.of(config.feeds().allowPrivateAddresses()), resolver);
    }

    @Produces
    @Singleton
    GuardedHttpClient feedClient(IngestConfig config, DestinationGuard destinations) {
        return new GuardedHttpClient(destinations, new GuardedHttpClient.Settings(config.feeds().fetchTimeout(),
                Math.max(8, 2 * config.feeds().pollThreads())));
    }

    void close(@Disposes GuardedHttpClient client) {
        client.close();
    }
}
