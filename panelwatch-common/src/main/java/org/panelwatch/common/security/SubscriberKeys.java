package org.panelwatch.common.security;

import java.util.Optional;

/**
 * Looks up the subscriber that owns an API key, by the key's SHA-256 hash. Only the alert
 * service has subscribers; it provides the bean. Called on a worker thread, so it may block.
 */
public interface SubscriberKeys {
    Optional<String> subscriberIdForKeyHash(String sha256Hex);
}
