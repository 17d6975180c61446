package org.panelwatch.alert.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.mapping.AlertMessages;
import org.panelwatch.alert.repository.AttemptOutcome;
import org.panelwatch.alert.repository.ClaimedDelivery;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.DeliveryAttempt;
import org.panelwatch.alert.repository.DeliveryRepository;
import org.panelwatch.alert.repository.NewDelivery;
import org.panelwatch.alert.repository.SubscriberRepository;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionFilter;
import org.panelwatch.alert.repository.SubscriptionRepository;
import org.panelwatch.common.audit.AuditLog;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;

/**
 * Subscriptions: ownership (another subscriber's id is "not found"), the number each subscriber may have,
 * and the test alert.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SubscriptionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository subscriptions;
    private final SubscriberRepository subscribers;
    private final DeliveryRepository deliveries;
    private final AlertConfig.Limits limits;
    private final ChannelSender sender;
    private final AlertMessages messages;
    private final DigestPeriods periods;
    private final AuditLog audit;
    private final Duration secretOverlap;
    private final Clock clock = Clock.systemUTC();

    public SubscriptionService(SubscriptionRepository subscriptions, SubscriberRepository subscribers,
            DeliveryRepository deliveries, ChannelSender sender, AlertMessages messages, DigestPeriods periods,
            AlertConfig config, AuditLog audit) {
        this.audit = audit;
        this.secretOverlap = config.webhook().secretOverlap();
        this.subscriptions = subscriptions;
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.limits = config.limits();
        this.sender = sender;
        this.messages = messages;
        this.periods = periods;
    }

    public Subscription create(Caller caller, SubscriptionDraft draft) {
        checkOwner(caller, draft, true);
        UUID owner = caller.isAdmin() ? draft.subscriberId() : caller.subscriberId();
        checkAllowance(owner);
        Instant now = clock.instant();
        String mode = modeOf(draft);
        String secret = Subscription.WEBHOOK.equals(draft.channelType()) ? newSecret() : null;
        Subscription s = new Subscription(UUID.randomUUID(), owner, draft.name().strip(), draft.channelType(), target(draft),
                secret, filterOf(draft), mode, !Boolean.FALSE.equals(draft.active()), null, null,
                periods.nextEnd(mode, now), now, now);
        subscriptions.insert(s);
        audit.record("subscription.created", s.id().toString(), null);
        return s;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Subscription get(Caller caller, UUID id) {
        return subscriptions.find(id).filter(s -> caller.owns(s.subscriberId()))
                .orElseThrow(() -> ProblemException.notFound("no subscription " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Subscription> list(Caller caller) {
        return subscriptions.list(caller.subscriberId());
    }

    /**
     * Replaces the subscription. Saving it re-enables a disabled one (the owner has presumably fixed the
     * endpoint) unless {@code active} says otherwise; the webhook secret stays the same.
     */
    public Subscription update(Caller caller, UUID id, SubscriptionDraft draft) {
        Subscription old = get(caller, id);
        checkOwner(caller, draft, false);
        String mode = modeOf(draft);
        boolean active = !Boolean.FALSE.equals(draft.active());
        String secret = Subscription.WEBHOOK.equals(draft.channelType())
                ? Optional.ofNullable(old.secret()).orElseGet(SubscriptionService::newSecret)
                : null;
        Instant due = Objects.equals(mode, old.mode()) && old.digestDueAt() != null
                ? old.digestDueAt()
                : periods.nextEnd(mode, clock.instant());
        Subscription s = new Subscription(old.id(), old.subscriberId(), draft.name().strip(), draft.channelType(),
                target(draft), secret, filterOf(draft), mode, active, active ? null : old.disabledReason(),
                active ? null : old.failingSince(), due, old.createdAt(), clock.instant());
        subscriptions.update(s);
        audit.record("subscription.updated", id.toString(), null);
        return subscriptions.find(id).orElseThrow();
    }

    public void delete(Caller caller, UUID id) {
        get(caller, id);
        subscriptions.delete(id);
        audit.record("subscription.deleted", id.toString(), null);
    }

    /** A new webhook secret, and until when the one it replaced keeps signing beside it. */
    public record RotatedSecret(String secret, Instant previousValidUntil) {
    }

    /**
     * Replaces a webhook subscription's signing secret. Both secrets sign every message for
     * {@code webhook.secret-overlap}, so the receiver can move to the new one at its own pace.
     */
    public RotatedSecret rotateSecret(Caller caller, UUID id) {
        Subscription s = get(caller, id);
        if (!Subscription.WEBHOOK.equals(s.channelType())) {
            throw ProblemException.conflict("Only a webhook subscription has a signing secret.");
        }
        String secret = newSecret();
        Instant until = clock.instant().plus(secretOverlap);
        subscriptions.rotateSecret(id, secret, until);
        audit.record("subscription.secret-rotated", id.toString(), null);
        return new RotatedSecret(secret, until);
    }

    /** How a test message went. */
    public record TestResult(String deliveryId, boolean delivered, Integer statusCode, String error, long durationMs) {
    }

    /**
     * Sends a clearly marked test message through the subscription's real channel now, and records it as a
     * delivery of kind {@code test} (not retried).
     */
    @Transactional(Transactional.TxType.NEVER)
    public TestResult sendTest(Caller caller, UUID id) {
        Subscription s = get(caller, id);
        Instant now = clock.instant();
        String deliveryId = WebhookIds.next();
        String body = messages.testBody(s.id(), now);
        String previousSecret = subscriptions.previousSecret(s.id()).orElse(null);
        QuarkusTransaction.requiringNew().run(() -> deliveries.insertAll(List.of(new NewDelivery(deliveryId, s.id(),
                s.subscriberId(), null, Delivery.KIND_TEST, body, now.plusSeconds(365L * 24 * 3600)))));
        SendResult result = sender.send(new ClaimedDelivery(deliveryId, s.id(),
                Delivery.KIND_TEST, body, 0, now, s.channelType(), s.channelTarget(), s.secret(), previousSecret, s.active(),
                s.name())).join();
        QuarkusTransaction.requiringNew().run(() -> deliveries.recordOutcomes(List.of(new AttemptOutcome(deliveryId,
                new DeliveryAttempt(now, result.statusCode(), result.error(), result.durationMs()),
                result.delivered() ? Delivery.DELIVERED : Delivery.FAILED, null))));
        return new TestResult(deliveryId, result.delivered(), result.statusCode(), result.error(), result.durationMs());
    }

    /**
     * What the request alone cannot tell: who may name the owner, and whether the owner exists. The request's
     * own fields have passed its constraints ({@code ApiObjects.SubscriptionRequest}) before it gets here.
     */
    private void checkOwner(Caller caller, SubscriptionDraft d, boolean creating) {
        if (d.subscriberId() == null) {
            if (creating && caller.isAdmin()) {
                // A subscription nobody owns is matched and delivered but no subscriber can see or manage it.
                throw ProblemException.validation(
                        List.of(error("subscriberId", "is required when an admin creates a subscription")));
            }
            return;
        }
        if (!caller.isAdmin()) {
            throw ProblemException.validation(List.of(error("subscriberId", "only an admin may name the subscriber")));
        }
        if (subscribers.find(d.subscriberId()).isEmpty()) {
            throw ProblemException.validation(List.of(error("subscriberId", "no such subscriber")));
        }
    }

    /**
     * Refuses a subscription beyond the owner's allowance. The owner's row is locked first, so two creations
     * at once cannot both see room for one more.
     */
    private void checkAllowance(UUID owner) {
        subscribers.lock(owner);
        int most = limits.subscriptionsPerSubscriber();
        if (subscriptions.countOf(owner) >= most) {
            throw ProblemException.conflict("This subscriber already has " + most
                    + " subscriptions, the most allowed; delete one before creating another.");
        }
    }

    private static String modeOf(SubscriptionDraft d) {
        return d.mode() == null ? Subscription.IMMEDIATE : d.mode();
    }

    private static String target(SubscriptionDraft d) {
        return Subscription.WEBHOOK.equals(d.channelType()) ? d.url().strip() : d.address().strip();
    }

    private static SubscriptionFilter filterOf(SubscriptionDraft d) {
        return new SubscriptionFilter(distinct(d.signalTypes()), distinct(d.topics()), d.minScore(), distinct(d.keywords()),
                list(d.languages()).stream().map(l -> l.toLowerCase(Locale.ROOT)).distinct().toList());
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static List<String> distinct(List<String> l) {
        return list(l).stream().map(String::strip).distinct().toList();
    }

    private static FieldError error(String field, String message) {
        return new FieldError(null, field, message);
    }

    /** Standard Webhooks secrets: "whsec_" + base64 of 24 to 64 random bytes; we use 32. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
