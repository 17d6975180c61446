package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.panelwatch.alert.repository.SubscriptionRepository;

/**
 * The active subscriptions, compiled for matching and cached. Each batch of signals asks once whether the
 * table changed (one cheap aggregate query, so changes made by another instance are seen too) and reloads
 * only then: no per-signal queries.
 */
@ApplicationScoped
public class ActiveSubscriptions {

    private final SubscriptionRepository subscriptions;
    private volatile Snapshot snapshot = new Snapshot("", List.of());

    public ActiveSubscriptions(SubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    public List<CompiledFilter> current() {
        String version = subscriptions.version();
        Snapshot s = snapshot;
        if (!version.equals(s.version())) {
            s = new Snapshot(version, subscriptions.listActive().stream().map(CompiledFilter::new).toList());
            snapshot = s;
        }
        return s.filters();
    }

    private record Snapshot(String version, List<CompiledFilter> filters) {
    }
}
