package org.panelwatch.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.panelwatch.console.config.ConsoleConfig;

/** Sessions end when unused for the idle time, when older than the maximum, and when signed out. */
class SessionStoreTest {

    private static ConsoleConfig config(Duration idle, Duration max, int maxSessions) {
        return new ConsoleConfig() {
            public Duration sessionIdle() { return idle; }
            public Duration sessionMax() { return max; }
            public int maxSessions() { return maxSessions; }
            public boolean secureCookie() { return true; }
            public int pollSeconds() { return 30; }
        };
    }

    private static final Access READER = new Access(true, false, false, false);

    @Test
    void anIdleSessionExpires() throws Exception {
        SessionStore store = new SessionStore(config(Duration.ofMillis(300), Duration.ofHours(1), 10));
        Session s = store.open("key-1", READER);
        assertThat(store.find(s.id())).isPresent();
        Thread.sleep(450);
        assertThat(store.find(s.id())).isEmpty();
    }

    @Test
    void aSessionInUseStillEndsAtItsMaximumAge() throws Exception {
        SessionStore store = new SessionStore(config(Duration.ofHours(1), Duration.ofMillis(400), 10));
        Session s = store.open("key-1", READER);
        Thread.sleep(200);
        assertThat(store.find(s.id())).isPresent();
        Thread.sleep(300);
        assertThat(store.find(s.id())).isEmpty();
    }

    @Test
    void signOutAndTheSessionCapEndSessions() {
        SessionStore store = new SessionStore(config(Duration.ofHours(1), Duration.ofHours(1), 2));
        Session a = store.open("key-a", READER);
        Session b = store.open("key-b", READER);
        store.close(b.id());
        assertThat(store.find(b.id())).isEmpty();
        store.open("key-c", READER);
        store.open("key-d", READER);
        assertThat(store.find(a.id())).as("the least recently used goes first").isEmpty();
        assertThat(a.toString()).doesNotContain("key-a");
        assertThat(SessionStore.sameToken(a.csrfToken(), a.csrfToken())).isTrue();
        assertThat(SessionStore.sameToken(a.csrfToken(), null)).isFalse();
        assertThat(SessionStore.sameToken(a.csrfToken(), b.csrfToken())).isFalse();
    }
}
