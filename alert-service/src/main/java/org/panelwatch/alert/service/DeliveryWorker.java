package org.panelwatch.alert.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.repository.AttemptOutcome;
import org.panelwatch.alert.repository.ClaimedDelivery;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.DeliveryAttempt;
import org.panelwatch.alert.repository.DeliveryRepository;
import org.panelwatch.alert.repository.SubscriptionRepository;
import org.panelwatch.alert.telemetry.AlertTelemetry;
import org.panelwatch.alert.telemetry.DeliveryTrace;

/**
 * Sends what the outbox holds. Each round claims due deliveries (a short transaction with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never take the same row), sends them concurrently outside
 * any transaction, then records every attempt and the next step in one transaction. New alerts wake the
 * worker at once; otherwise it looks again every poll interval.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final AlertConfig config;
    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final ChannelSender sender;
    private final RetrySchedule schedule;
    private final Timer sendTimer;
    private final AlertTelemetry telemetry;
    private final Object signal = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    public DeliveryWorker(AlertConfig config, DeliveryRepository deliveries, SubscriptionRepository subscriptions,
            ChannelSender sender, RetrySchedule schedule, MeterRegistry registry, AlertTelemetry telemetry) {
        this.telemetry = telemetry;
        this.config = config;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.schedule = schedule;
        this.sendTimer = registry.timer("panelwatch.alert.delivery.attempt");
    }

    void start(@Observes StartupEvent event) {
        if (!config.delivery().workerEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "alert-delivery-worker");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // What is still in flight is recorded if it finishes soon; otherwise its lease runs out and
            // another instance sends it again (at least once, same webhook-id).
            flush(config.webhook().totalTimeout().plusSeconds(1));
        }
    }

    /** Something became due: look now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int sent;
            try {
                sent = runOnce();
            } catch (RuntimeException e) {
                LOG.warn("delivery round failed; trying again after the poll interval", e);
                sent = 0;
            }
            if (sent == 0) {
                synchronized (signal) {
                    if (!woken && running) {
                        try {
                            signal.wait(config.delivery().pollInterval().toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    woken = false;
                }
            }
        }
    }

    /**
     * One round: record what finished since the last round, then claim as many due deliveries as there is
     * room in flight for and start sending them. Sends complete in the background and wake the worker, so a
     * slow endpoint never holds up the others. Answers how many deliveries it claimed or recorded.
     */
    public int runOnce() {
        int recorded = recordFinished();
        int room = config.delivery().maxInFlight() - inFlight.get();
        if (room <= 0) {
            return recorded;
        }
        List<ClaimedDelivery> claimed = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.claimDue(Math.min(room, config.delivery().batchSize()), config.delivery().lease()));
        Map<String, DeliveryTrace> traces = claimed.isEmpty() ? Map.of() : telemetry.tracesOf(claimed);
        for (ClaimedDelivery d : claimed) {
            if (!d.subscriptionActive()) {
                finished.add(new Finished(d, null, Instant.now()));
                continue;
            }
            inFlight.incrementAndGet();
            DeliveryTrace trace = traces.get(d.id());
            Span span = telemetry.sending(d, trace);
            sender.send(d).whenComplete((result, failure) -> {
                telemetry.sent(span, trace, result, failure);
                // The sender answers every failure itself; this is a bug's way out, told in the same words.
                if (failure != null) {
                    LOG.errorf(failure, "Sending delivery %s failed unexpectedly", d.id());
                }
                SendResult r = failure == null ? result : SendResult.failed(null, ChannelSender.UNREACHABLE, 0, null);
                finished.add(new Finished(d, r, Instant.now()));
                inFlight.decrementAndGet();
                wake();
            });
        }
        return recorded + claimed.size();
    }

    /** Waits for everything this worker has in flight and records it (shutdown, tests). */
    public void flush(Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        recordFinished();
    }

    private record Finished(ClaimedDelivery delivery, SendResult result, Instant at) {
    }

    /** Records every finished send in one transaction: the attempts, each delivery's next step, subscription health. */
    private int recordFinished() {
        List<Finished> done = new ArrayList<>();
        for (Finished f; (f = finished.poll()) != null; ) {
            done.add(f);
        }
        if (done.isEmpty()) {
            return 0;
        }
        List<AttemptOutcome> outcomes = new ArrayList<>(done.size());
        List<Effect> effects = new ArrayList<>();
        for (Finished f : done) {
            ClaimedDelivery d = f.delivery();
            SendResult r = f.result();
            Instant now = f.at();
            if (r == null) {
                outcomes.add(new AttemptOutcome(d.id(), null, Delivery.FAILED, null));
                continue;
            }
            sendTimer.record(r.durationMs(), TimeUnit.MILLISECONDS);
            DeliveryAttempt attempt = new DeliveryAttempt(now.minusMillis(r.durationMs()), r.statusCode(), r.error(), r.durationMs());
            if (r.delivered()) {
                outcomes.add(new AttemptOutcome(d.id(), attempt, Delivery.DELIVERED, null));
                effects.add(new Effect(d.subscriptionId(), EffectType.HEALTHY, null, now));
            } else if (r.gone()) {
                outcomes.add(new AttemptOutcome(d.id(), attempt, Delivery.FAILED, null));
                effects.add(new Effect(d.subscriptionId(), EffectType.DISABLE,
                        "the endpoint answered 410 Gone at " + now + "; disabled at once", now));
            } else {
                Instant next = d.kind().equals(Delivery.KIND_TEST) ? null : schedule.next(d.attempts() + 1, now, r.retryAfter());
                outcomes.add(new AttemptOutcome(d.id(), attempt, next == null ? Delivery.FAILED : Delivery.PENDING, next));
                effects.add(new Effect(d.subscriptionId(), EffectType.FAILING, null, now));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            deliveries.recordOutcomes(outcomes);
            applyEffects(effects);
        });
        for (int i = 0; i < done.size(); i++) {
            telemetry.recorded(done.get(i).delivery(), done.get(i).result(), outcomes.get(i));
        }
        return done.size();
    }

    private enum EffectType { HEALTHY, FAILING, DISABLE }

    private record Effect(UUID subscriptionId, EffectType type, String reason, Instant at) {
    }

    /** Keeps each subscription's health: a success resets it, a long unbroken run of failures disables it. */
    private void applyEffects(List<Effect> effects) {
        Map<UUID, Effect> last = new LinkedHashMap<>();
        for (Effect e : effects) {
            Effect previous = last.get(e.subscriptionId());
            // A 410 wins over anything else in the round; otherwise the latest result counts.
            if (previous == null || previous.type() != EffectType.DISABLE) {
                last.put(e.subscriptionId(), e);
            }
        }
        Duration limit = config.delivery().disableAfterFailingFor();
        for (Effect e : last.values()) {
            switch (e.type()) {
                case HEALTHY -> subscriptions.markHealthy(e.subscriptionId());
                case DISABLE -> disable(e.subscriptionId(), e.reason());
                case FAILING -> subscriptions.markFailing(e.subscriptionId(), e.at()).ifPresent(since -> {
                    if (Duration.between(since, e.at()).compareTo(limit) >= 0) {
                        disable(e.subscriptionId(), "every delivery attempt has failed since " + since
                                + " (longer than " + limit + "); disabled");
                    }
                });
            }
        }
    }

    private void disable(UUID subscriptionId, String reason) {
        LOG.warnf("subscription %s disabled: %s", subscriptionId, reason);
        subscriptions.disable(subscriptionId, reason);
        deliveries.failPending(subscriptionId, "subscription disabled: " + reason);
    }
}
