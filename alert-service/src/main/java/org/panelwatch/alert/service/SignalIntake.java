package org.panelwatch.alert.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.panelwatch.alert.mapping.AlertMessages;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.AlertRepository;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.DeliveryRepository;
import org.panelwatch.alert.repository.NewAlert;
import org.panelwatch.alert.repository.NewDelivery;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.telemetry.AlertTelemetry;
import org.panelwatch.common.event.SignalEvent;

/**
 * Matches a batch of signals against the active subscriptions and records, in one transaction, the
 * signals as processed, the alerts and the pending deliveries (the outbox). A redelivered signal is
 * already recorded and changes nothing; a second signal about the same story gives no second alert.
 */
@ApplicationScoped
public class SignalIntake {

    private final ActiveSubscriptions active;
    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;
    private final AlertMessages messages;
    private final Counter matched;
    private final Counter created;
    private final AlertTelemetry telemetry;

    public SignalIntake(ActiveSubscriptions active, AlertRepository alerts, DeliveryRepository deliveries,
            AlertMessages messages, MeterRegistry registry, AlertTelemetry telemetry) {
        this.telemetry = telemetry;
        this.active = active;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.messages = messages;
        this.matched = registry.counter("panelwatch.alert.signals.matched");
        this.created = registry.counter("panelwatch.alert.alerts.created");
    }

    /** Answers how many alerts were created (those for immediate subscriptions got a pending delivery). */
    @Transactional(Transactional.TxType.REQUIRED)
    public int accept(List<SignalEvent> batch) {
        return accept(batch, Map.of());
    }

    /** The same, each signal's alert deliveries continuing the trace named for its item (item id → traceparent). */
    @Transactional(Transactional.TxType.REQUIRED)
    public int accept(List<SignalEvent> batch, Map<String, String> traceparentByItem) {
        Map<String, SignalEvent> bySignalId = new LinkedHashMap<>();
        batch.forEach(s -> bySignalId.putIfAbsent(s.signalId(), s));
        if (bySignalId.isEmpty()) {
            return 0;
        }
        Set<String> fresh = alerts.claimNewSignals(bySignalId.keySet());
        SubscriptionMatcher matcher = active.current();
        List<NewAlert> candidates = new ArrayList<>();
        Map<UUID, Subscription> bySubscription = new HashMap<>();
        for (SignalEvent signal : bySignalId.values()) {
            if (!fresh.contains(signal.signalId())) {
                continue;
            }
            matched.increment();
            String data = null;
            for (Subscription s : matcher.matching(signal)) {
                if (data == null) {
                    data = messages.alertData(signal);
                }
                candidates.add(new NewAlert(s.id(), s.subscriberId(), signal.signalId(), storyKey(signal), data));
                bySubscription.put(s.id(), s);
            }
        }
        List<Alert> stored = alerts.insertAll(candidates);
        Instant now = Instant.now();
        List<NewDelivery> pending = new ArrayList<>();
        for (Alert a : stored) {
            if (!bySubscription.get(a.subscriptionId()).isDigest()) {
                pending.add(new NewDelivery(WebhookIds.next(), a.subscriptionId(), a.subscriberId(), a.id(), Delivery.KIND_ALERT,
                        messages.alertBody(a, now), now));
            }
        }
        deliveries.insertAll(pending);
        telemetry.delivering(pending, stored, bySignalId, traceparentByItem);
        created.increment(stored.size());
        return stored.size();
    }

    /** One alert per story per subscription; a signal without a story counts as its own story (its item). */
    static String storyKey(SignalEvent s) {
        if (s.storyId() != null && !s.storyId().isBlank()) {
            return s.storyId();
        }
        return "item:" + (s.itemId() != null ? s.itemId() : s.signalId());
    }
}
