package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.panelwatch.alert.repository.Subscriber;
import org.panelwatch.alert.repository.SubscriberRepository;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.common.security.ApiKeyHash;
import org.panelwatch.common.security.SubscriberKeys;

/** Creates subscribers and resolves their API keys; the key itself is never stored, only its hash. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class SubscriberService implements SubscriberKeys {

    /** Pragmatic address check (one @, a dot in the domain, no spaces); delivery is the real proof. */
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberRepository subscribers;

    public SubscriberService(SubscriberRepository subscribers) {
        this.subscribers = subscribers;
    }

    /** A new subscriber and its key, which the caller shows once. */
    public record Created(Subscriber subscriber, String apiKey) {
    }

    public Created create(String name, String email) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new Problem.FieldError(null, "name", "is required"));
        } else if (name.length() > 200) {
            errors.add(new Problem.FieldError(null, "name", "is longer than 200 characters"));
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new Problem.FieldError(null, "email", "is not an e-mail address"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
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
