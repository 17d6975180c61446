package org.panelwatch.alert.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.panelwatch.alert.mapping.AlertMessages;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.AlertRepository;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.DeliveryRepository;
import org.panelwatch.alert.repository.NewDelivery;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionRepository;

/**
 * Closes digest periods. Each digest subscription keeps the end of its current period in the database;
 * when that time has passed (also while the service was down) its collected alerts become one delivery,
 * the alerts are marked digested and the next period is set, in one transaction. Periods missed during
 * an outage are therefore sent once, together, and an empty period sends nothing.
 */
@ApplicationScoped
public class DigestService {

    private static final int SUBSCRIPTIONS_PER_ROUND = 100;

    private final SubscriptionRepository subscriptions;
    private final AlertRepository alerts;
    private final AlertMessages messages;
    private final DigestPeriods periods;
    private final DeliveryRepository deliveries;
    private final DeliveryWorker worker;

    public DigestService(SubscriptionRepository subscriptions, AlertRepository alerts, AlertMessages messages,
            DigestPeriods periods, DeliveryRepository deliveries, DeliveryWorker worker) {
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.messages = messages;
        this.periods = periods;
        this.deliveries = deliveries;
        this.worker = worker;
    }

    @Scheduled(every = "${panelwatch.alert.digest.check-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeDuePeriods() {
        int created;
        do {
            created = QuarkusTransaction.requiringNew().call(this::closeRound);
            if (created > 0) {
                worker.wake();
            }
        } while (created == SUBSCRIPTIONS_PER_ROUND);
    }

    /** Answers how many subscriptions it handled (digests sent or empty periods closed). */
    int closeRound() {
        Instant now = Instant.now();
        List<Subscription> due = subscriptions.lockDueDigests(now, SUBSCRIPTIONS_PER_ROUND);
        List<NewDelivery> digests = new ArrayList<>();
        for (Subscription s : due) {
            if (s.isDigest()) {
                List<Alert> collected = alerts.undigested(s.id());
                if (!collected.isEmpty() && s.active()) {
                    Instant end = s.digestDueAt();
                    Instant start = collected.get(0).createdAt().isBefore(end.minus(periods.length(s.mode())))
                            ? collected.get(0).createdAt()
                            : end.minus(periods.length(s.mode()));
                    digests.add(new NewDelivery(WebhookIds.next(), s.id(), s.subscriberId(), null,
                            Delivery.KIND_DIGEST, messages.digestBody(s, start, end, collected, now), now));
                    alerts.markDigested(collected.stream().map(Alert::id).toList(), now);
                }
            }
            subscriptions.setDigestDueAt(s.id(), periods.nextEnd(s.mode(), now));
        }
        deliveries.insertAll(digests);
        return due.size();
    }
}
