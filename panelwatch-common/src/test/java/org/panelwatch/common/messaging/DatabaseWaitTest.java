package org.panelwatch.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The consumer outlasts a database outage of any length and gives up at once on anything else. */
class DatabaseWaitTest {

    private final DatabaseWait wait = new DatabaseWait(Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void anUnreachableDatabaseIsWaitedOutBeyondTheOldLimitOfSixTries() {
        AtomicInteger calls = new AtomicInteger();
        String stored = wait.untilDone("a batch", () -> {
            if (calls.incrementAndGet() <= 20) {
                throw new IllegalStateException("could not store", new SQLException("Connection refused", "08001"));
            }
            return "stored";
        });
        assertThat(stored).isEqualTo("stored");
        assertThat(calls).hasValue(21);
    }

    @Test
    void aServerShuttingDownCountsAsUnreachable() {
        AtomicInteger calls = new AtomicInteger();
        wait.untilDone("a batch", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException(new SQLException("terminating connection due to administrator command", "57P01"));
            }
            return null;
        });
        assertThat(calls).hasValue(2);
    }

    @Test
    void aFailureOfTheDataIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> wait.untilDone("a batch", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException(new SQLException("value too long", "22001"));
        })).hasRootCauseMessage("value too long");
        assertThat(calls).hasValue(1);
    }
}
