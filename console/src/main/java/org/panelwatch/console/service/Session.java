package org.panelwatch.console.service;

import java.time.Instant;

/**
 * A signed-in analyst. The API key lives only here, in the console's memory: the browser holds a
 * random session id in an HttpOnly, SameSite=Strict cookie, never the key.
 */
public final class Session {

    private final String id;
    private final String key;
    private final Access access;
    private final String csrfToken;
    private final Instant createdAt;
    private volatile Instant lastSeenAt;
    private volatile String flash;

    Session(String id, String key, Access access, String csrfToken, Instant now) {
        this.id = id;
        this.key = key;
        this.access = access;
        this.csrfToken = csrfToken;
        this.createdAt = now;
        this.lastSeenAt = now;
    }

    public String id() {
        return id;
    }

    /** "Bearer <key>", for the services. */
    public String bearer() {
        return "Bearer " + key;
    }

    public Access access() {
        return access;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    void seen(Instant now) {
        lastSeenAt = now;
    }

    /** A one-time message for the next page (after a form's redirect). */
    public void flash(String message) {
        flash = message;
    }

    public String takeFlash() {
        String f = flash;
        flash = null;
        return f;
    }

    @Override
    public String toString() {
        // Never the key: a session that reaches a log line shows only its role.
        return "Session[" + access.role() + "]";
    }
}
