package org.panelwatch.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This process among the ingest-service instances sharing one database: written into the leases it
 * takes ({@code leased_by}), so an operator sees which instance holds a feed. "pid@host" as the JVM
 * names itself, with a random suffix so a restarted process that gets the same pid is another holder.
 */
@ApplicationScoped
public class InstanceName {

    private final String value = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String value() {
        return value;
    }
}
