package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.panelwatch.alert.repository.Subscriber;
import org.panelwatch.alert.repository.SubscriberRepository;
import org.panelwatch.common.audit.AuditLog;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.common.security.ApiKeyHash;
import org.panelwatch.common.security.SubscriberKeys;

/**
 * Creates, deletes and re-keys subscribers, and resolves their API keys; the key itself is never stored, only
 * its hash. Every change is written to the audit log in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SubscriberService implements SubscriberKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberRepository subscribers;
    private final AuditLog audit;

    public SubscriberService(SubscriberRepository subscribers, AuditLog audit) {
        this.subscribers = subscribers;
        this.audit = audit;
    }

    /** A new subscriber and its key, which the caller shows once. */
    public record Created(Subscriber subscriber, String apiKey) {
    }

    /** The name and address have passed the request's constraints ({@code SubscriberRequest}). */
    public Created create(String name, String email) {
        String key = newKey();
        Subscriber s = subscribers.insert(name.strip(), email, ApiKeyHash.hex(key));
        audit.record("subscriber.created", s.id().toString(), null);
        return new Created(s, key);
    }

    /** Deletes the subscriber with its subscriptions, alerts and deliveries. */
    public void delete(UUID id) {
        if (!subscribers.delete(id)) {
            throw ProblemException.notFound("no subscriber " + id);
        }
        audit.record("subscriber.deleted", id.toString(), null);
    }

    /**
     * Gives the subscriber a new key, shown once to the caller; the old key answers 401 from the moment this
     * commits (keys are looked up by hash on every request, nothing caches them).
     */
    public String rotateKey(UUID id) {
        String key = newKey();
        if (!subscribers.replaceKeyHash(id, ApiKeyHash.hex(key))) {
            throw ProblemException.notFound("no subscriber " + id);
        }
        audit.record("subscriber.key-rotated", id.toString(), null);
        return key;
    }

    private static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "pwsub_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> subscriberIdForKeyHash(String sha256Hex) {
        return subscribers.idByKeyHash(sha256Hex).map(Object::toString);
    }
}
