package org.panelwatch.alert.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
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
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;

/** Subscriptions: validation, ownership (another subscriber's id is "not found"), and the test alert. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SubscriptionService {

    static final List<String> MODES = List.of(Subscription.IMMEDIATE, Subscription.DIGEST_HOURLY, Subscription.DIGEST_DAILY);
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository subscriptions;
    private final SubscriberRepository subscribers;
    private final DeliveryRepository deliveries;
    private final Vocabulary vocabulary;
    private final WebhookAddressPolicy addressPolicy;
    private final ChannelSender sender;
    private final AlertMessages messages;
    private final DigestPeriods periods;
    private final Clock clock = Clock.systemUTC();

    public SubscriptionService(SubscriptionRepository subscriptions, SubscriberRepository subscribers,
            DeliveryRepository deliveries, Vocabulary vocabulary, WebhookAddressPolicy addressPolicy, ChannelSender sender,
            AlertMessages messages, DigestPeriods periods) {
        this.subscriptions = subscriptions;
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.vocabulary = vocabulary;
        this.addressPolicy = addressPolicy;
        this.sender = sender;
        this.messages = messages;
        this.periods = periods;
    }

    public Subscription create(Caller caller, SubscriptionDraft draft) {
        validate(caller, draft);
        UUID owner = caller.isAdmin() ? draft.subscriberId() : caller.subscriberId();
        Instant now = clock.instant();
        String mode = modeOf(draft);
        String secret = Subscription.WEBHOOK.equals(draft.channelType()) ? newSecret() : null;
        Subscription s = new Subscription(UUID.randomUUID(), owner, draft.name().strip(), draft.channelType(), target(draft),
                secret, filterOf(draft), mode, !Boolean.FALSE.equals(draft.active()), null, null,
                periods.nextEnd(mode, now), now, now);
        subscriptions.insert(s);
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
        validate(caller, draft);
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
        return subscriptions.find(id).orElseThrow();
    }

    public void delete(Caller caller, UUID id) {
        get(caller, id);
        subscriptions.delete(id);
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
        QuarkusTransaction.requiringNew().run(() -> deliveries.insertAll(List.of(new NewDelivery(deliveryId, s.id(),
                s.subscriberId(), null, Delivery.KIND_TEST, body, now.plusSeconds(365L * 24 * 3600)))));
        SendResult result = sender.send(new ClaimedDelivery(deliveryId, s.id(),
                Delivery.KIND_TEST, body, 0, now, s.channelType(), s.channelTarget(), s.secret(), s.active(), s.name())).join();
        QuarkusTransaction.requiringNew().run(() -> deliveries.recordOutcomes(List.of(new AttemptOutcome(deliveryId,
                new DeliveryAttempt(now, result.statusCode(), result.error(), result.durationMs()),
                result.delivered() ? Delivery.DELIVERED : Delivery.FAILED, null))));
        return new TestResult(deliveryId, result.delivered(), result.statusCode(), result.error(), result.durationMs());
    }

    private void validate(Caller caller, SubscriptionDraft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            errors.add(error("name", "is required"));
        } else if (d.name().length() > 200) {
            errors.add(error("name", "is longer than 200 characters"));
        }
        if (!d.hasChannel()) {
            errors.add(error("channel", "is required"));
        } else if (Subscription.WEBHOOK.equals(d.channelType())) {
            webhookUrlProblem(d.url()).ifPresent(m -> errors.add(error("channel.url", m)));
        } else if (Subscription.EMAIL.equals(d.channelType())) {
            if (d.address() == null || !SubscriberService.EMAIL.matcher(d.address()).matches()) {
                errors.add(error("channel.address", "is not an e-mail address"));
            }
        } else {
            errors.add(error("channel.type", "must be webhook or email"));
        }
        list(d.signalTypes()).forEach(t -> {
            if (t == null || !vocabulary.isSignalType(t)) {
                errors.add(error("filter.signalTypes", "unknown signal type: " + t + " (known: " + vocabulary.signalTypes() + ")"));
            }
        });
        list(d.topics()).forEach(t -> {
            if (t == null || !vocabulary.isTopic(t)) {
                errors.add(error("filter.topics", "unknown topic id: " + t));
            }
        });
        if (d.minScore() != null && (d.minScore().isNaN() || d.minScore() < 0.0 || d.minScore() > 1.0)) {
            errors.add(error("filter.minScore", "must be between 0 and 1"));
        }
        list(d.keywords()).forEach(k -> {
            if (k == null || FoldedText.fold(k).isEmpty()) {
                errors.add(error("filter.keywords", "a keyword must contain a letter or digit"));
            }
        });
        list(d.languages()).forEach(l -> {
            if (l == null || !LANGUAGE.matcher(l.toLowerCase(Locale.ROOT)).matches()) {
                errors.add(error("filter.languages", "not an ISO 639 language code: " + l));
            }
        });
        if (d.mode() != null && !MODES.contains(d.mode())) {
            errors.add(error("mode", "must be one of " + MODES));
        }
        if (d.subscriberId() != null) {
            if (!caller.isAdmin()) {
                errors.add(error("subscriberId", "only an admin may name the subscriber"));
            } else if (subscribers.find(d.subscriberId()).isEmpty()) {
                errors.add(error("subscriberId", "no such subscriber"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }

    private Optional<String> webhookUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("has no valid port");
        }
        return addressPolicy.refusal(uri);
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
