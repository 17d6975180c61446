package org.panelwatch.console.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.panelwatch.console.config.ConsoleConfig;

/**
 * The console's sessions, in memory: a restart signs everyone out, which is the safe failure.
 * A session ends after {@code session-idle} unused or {@code session-max} in all.
 */
@ApplicationScoped
public class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConsoleConfig config;
    private final Clock clock;

    public SessionStore(ConsoleConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    public Session open(String key, Access access) {
        Instant now = clock.instant();
        if (sessions.size() >= config.maxSessions()) {
            sessions.values().stream().min(Comparator.comparing(Session::lastSeenAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session s = new Session(token(), key, access, token(), now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session of this cookie value, touched; an expired one is removed. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (s.lastSeenAt().plus(config.sessionIdle()).isBefore(now) || s.createdAt().plus(config.sessionMax()).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.seen(now);
        return Optional.of(s);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Compares in constant time, so the token cannot be guessed byte by byte. */
    public static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
