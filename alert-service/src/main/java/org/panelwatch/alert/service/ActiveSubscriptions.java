package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.panelwatch.alert.repository.SubscriptionRepository;

/**
 * The active subscriptions, compiled for matching (one keyword automaton for all of them) and cached. Each
 * batch of signals asks once whether the table changed (one cheap aggregate query, so changes made by
 * another instance are seen too) and reloads only then: no per-signal queries.
 */
@ApplicationScoped
public class ActiveSubscriptions {

    private final SubscriptionRepository subscriptions;
    private volatile Snapshot snapshot = new Snapshot("", new SubscriptionMatcher(List.of()));

    public ActiveSubscriptions(SubscriptionRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    public SubscriptionMatcher current() {
        String version = subscriptions.version();
        Snapshot s = snapshot;
        if (!version.equals(s.version())) {
            s = new Snapshot(version, new SubscriptionMatcher(subscriptions.listActive()));
            snapshot = s;
        }
        return s.matcher();
    }

    private record Snapshot(String version, SubscriptionMatcher matcher) {
    }
}
