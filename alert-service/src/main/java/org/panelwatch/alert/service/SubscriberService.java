package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.panelwatch.alert.repository.Subscriber;
import org.panelwatch.alert.repository.SubscriberRepository;
import org.panelwatch.common.security.ApiKeyHash;
import org.panelwatch.common.security.SubscriberKeys;

/** Creates subscribers and resolves their API keys; the key itself is never stored, only its hash. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SubscriberService implements SubscriberKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberRepository subscribers;

    public SubscriberService(SubscriberRepository subscribers) {
        this.subscribers = subscribers;
    }

    /** A new subscriber and its key, which the caller shows once. */
    public record Created(Subscriber subscriber, String apiKey) {
    }

    /** The name and address have passed the request's constraints ({@code SubscriberRequest}). */
    public Created create(String name, String email) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "pwsub_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Subscriber s = subscribers.insert(name.strip(), email, ApiKeyHash.hex(key));
        return new Created(s, key);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> subscriberIdForKeyHash(String sha256Hex) {
        return subscribers.idByKeyHash(sha256Hex).map(Object::toString);
    }
}
